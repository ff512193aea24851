"""What the portal keeps about a person besides Django's user row.

Nothing here grants data: rights go to groups only (portal.access).
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["LicenceVersion", "LicenceAcceptance", "ApiToken",
           "DeletedAccountsCount"]


class LicenceVersion(models.Model):
    """One published version of the data licence users accept."""

    version = models.CharField(max_length=32, unique=True)
    title = models.CharField(max_length=200)
    text = models.TextField()
    url = models.URLField(blank=True)
    published = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-published"]

    def __str__(self):
        return f"{self.title} ({self.version})"

    @classmethod
    def current(cls, now=None):
        """The newest version published by ``now``, or None."""
        now = now or timezone.now()
        return cls.objects.filter(published__lte=now).first()


class LicenceAcceptance(models.Model):
    """Who accepted which licence version, and when."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL,
                             on_delete=models.CASCADE,
                             related_name="licence_acceptances")
    licence = models.ForeignKey(LicenceVersion, on_delete=models.PROTECT)
    accepted = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["user", "licence"], name="one_acceptance_per_version")]
        ordering = ["-accepted"]

    def __str__(self):
        return f"{self.user} accepted {self.licence.version}"


def _digest(secret):
    # The secret is 256 random bits: a fast hash is enough, and lets a
    # request find its token by an index lookup.
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """The tokens that are not revoked."""
        return self.filter(revoked__isnull=True)

    def for_secret(self, secret):
        """The usable token whose secret is ``secret``, or None."""
        return self.usable().select_related("user").filter(
            digest=_digest(secret)).first()


class ApiToken(models.Model):
    """A personal token for scripts: ``Authorization: Bearer <secret>``.

    Only the SHA-256 digest of the secret is stored; the secret is
    shown once, when the token is made.
    """

    PREFIX = "apdc_"

    user = models.ForeignKey(settings.AUTH_USER_MODEL,
                             on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False,
                            help_text="the first characters of the secret")
    created = models.DateTimeField(default=timezone.now, editable=False)
    last_used = models.DateTimeField(null=True, blank=True, editable=False)
    revoked = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user, name):
        """Make a token for ``user``.

        Parameters
        ----------
        user : django.contrib.auth.models.User
            The owner.
        name : str
            The owner's label for it.

        Returns
        -------
        (ApiToken, str)
            The stored token and its secret, which is not kept anywhere.
        """
        secret = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name,
                                   digest=_digest(secret),
                                   hint=secret[:len(cls.PREFIX) + 4])
        return token, secret

    def revoke(self, now=None):
        """Make the token unusable from the next request on."""
        self.revoked = now or timezone.now()
        self.save(update_fields=["revoked"])


class DeletedAccountsCount(models.Model):
    """How many accounts were deleted in a month: all that stays of them."""

    month = models.DateField(unique=True, help_text="first day of the month")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-month"]

    def __str__(self):
        return f"{self.month:%Y-%m}: {self.count}"
