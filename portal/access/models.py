"""Restricted resources and the grants that open them to groups.

A grant names a group, never a person (``tests/portal`` checks every
model for this): who holds it follows from the group tree at the
moment of the request.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from portal.access import paths
from portal.groups.models import Group

__all__ = ["RestrictedResource", "ProtectedPath", "Grant"]


class RestrictedResource(models.Model):
    """Data that only some groups may see, until its embargo ends."""

    name = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    embargo_until = models.DateTimeField(
        null=True, blank=True,
        help_text="from this moment on the resource is public; "
                  "empty: restricted until changed here")
    licence_text = models.TextField(blank=True)
    licence_url = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def is_public(self, now=None):
        """Whether the embargo has ended by ``now`` (default: the clock)."""
        now = now or timezone.now()
        return self.embargo_until is not None and now >= self.embargo_until


class ProtectedPath(models.Model):
    """A URL path prefix (below the public origin) of a resource."""

    resource = models.ForeignKey(RestrictedResource, on_delete=models.CASCADE,
                                 related_name="paths")
    prefix = models.CharField(max_length=300, unique=True,
                              help_text='e.g. "/kascade_embargo/"')

    class Meta:
        ordering = ["prefix"]

    def __str__(self):
        return self.prefix

    def clean(self):
        """Accept only a prefix that is already in normal form."""
        super().clean()
        if not self.prefix.startswith("/") or \
                paths.normalize(self.prefix).rstrip("/") != \
                self.prefix.lower().rstrip("/"):
            raise ValidationError({"prefix": "give an absolute path in "
                                   "lower case, without dots or escapes"})


class Grant(models.Model):
    """The members of ``group`` and of all its subgroups may see ``resource``."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE,
                              related_name="grants")
    resource = models.ForeignKey(RestrictedResource, on_delete=models.CASCADE,
                                 related_name="grants")
    granted = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["group", "resource"], name="one_grant_per_group")]

    def __str__(self):
        return f"{self.resource} to {self.group}"
