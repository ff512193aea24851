"""A subscription to the analyses of arriving alerts.

Who may subscribe, and who is mailed, is decided by membership of the
group ``alerts`` (:mod:`portal.alerts.services`), never by a flag on
the person: a subscriber who leaves the group gets no more mail.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["Subscription"]


class Subscription(models.Model):
    """A person wants the summary of every analysed alert by e-mail."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL,
                                on_delete=models.CASCADE,
                                related_name="alert_subscription")
    created = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self):
        return f"{self.user} subscribes to alerts"
