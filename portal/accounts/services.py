"""Registration, e-mail verification, licence acceptance and deletion."""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from portal.accounts.models import (DeletedAccountsCount, LicenceAcceptance,
                                    LicenceVersion)

__all__ = ["register", "send_verification", "resend_verification",
           "verify", "accept_licence", "has_accepted_current",
           "delete_account"]

log = logging.getLogger(__name__)

_SALT = "portal.accounts.verify"


def accept_licence(user, licence=None):
    """Record that ``user`` accepts ``licence`` (default: the current one).

    Returns
    -------
    LicenceAcceptance or None
        None when no licence version is published.
    """
    licence = licence or LicenceVersion.current()
    if licence is None:
        return None
    acceptance, _ = LicenceAcceptance.objects.get_or_create(
        user=user, licence=licence)
    return acceptance


def has_accepted_current(user):
    """Whether ``user`` accepted the newest licence version."""
    licence = LicenceVersion.current()
    return licence is None or LicenceAcceptance.objects.filter(
        user=user, licence=licence).exists()


@transaction.atomic
def register(form, request):
    """Make an inactive account from a valid RegistrationForm and mail
    the verification link.

    Returns
    -------
    User
    """
    user = form.save(commit=False)
    user.email = form.cleaned_data["email"]
    user.is_active = False      # until the e-mail link is followed
    user.save()
    accept_licence(user)
    # sent after the commit, so a link never names a user rolled back
    transaction.on_commit(lambda: _send_quietly(user, request))
    return user


def _send_quietly(user, request):
    # The account exists either way; with the mail server down, the
    # person asks again at /accounts/verify/again/ rather than seeing 500.
    try:
        send_verification(user, request)
    except (smtplib.SMTPException, OSError):
        log.exception("verification mail to user %s not sent", user.pk)


def resend_verification(email, request):
    """Mail the link again to a registered, never activated address.

    Says nothing about whether such an account exists (the page reads
    the same either way).
    """
    for user in get_user_model().objects.filter(
            email__iexact=email, is_active=False, last_login__isnull=True):
        _send_quietly(user, request)


def send_verification(user, request):
    """Mail ``user`` a signed link that activates the account."""
    token = signing.dumps({"u": user.pk, "e": user.email}, salt=_SALT)
    link = request.build_absolute_uri(
        reverse("accounts:verify", args=[token]))
    context = {"user": user, "link": link,
               "days": settings.PORTAL_VERIFY_MAX_AGE // 86400}
    send_mail("Confirm your address for the Astroparticle data centre",
              render_to_string("accounts/verify_email.txt", context),
              None, [user.email])


def verify(token):
    """The account a verification token activates, or None.

    A token is good for ``PORTAL_VERIFY_MAX_AGE`` seconds, for the
    address it was sent to, and only for an account never used yet
    (so an old link cannot undo a deactivation).
    """
    try:
        data = signing.loads(token, salt=_SALT,
                             max_age=settings.PORTAL_VERIFY_MAX_AGE)
    except signing.BadSignature:
        return None
    user = get_user_model().objects.filter(pk=data.get("u"),
                                           email=data.get("e")).first()
    if user is None or user.is_active:
        return user             # a second click changes nothing
    if user.last_login is not None:
        return None             # deactivated by an operator since
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def delete_account(user):
    """Delete ``user`` and all the portal keeps about them.

    Memberships, manager roles, tokens and licence acceptances go with
    the user row (cascade); the login-attempt records axes keeps under
    the user name are deleted too.  What stays is one more in this
    month's DeletedAccountsCount.
    """
    username = user.get_username()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username=username).delete()
    user.delete()
    month = timezone.now().date().replace(day=1)
    counter, _ = DeletedAccountsCount.objects.get_or_create(month=month)
    DeletedAccountsCount.objects.filter(pk=counter.pk).update(
        count=F("count") + 1)
