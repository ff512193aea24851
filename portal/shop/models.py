"""A request to the data shop: its choice, its state, its package.

PostgreSQL holds the state of every request; the broker only carries
the id of a request to run.  Every change of state by a worker is a
guarded update (``UPDATE ... WHERE id = ... AND state IN (...)``), so
that a task delivered twice, or a worker that lost its claim, changes
nothing.
"""

import uuid

from django.conf import settings
from django.db import models

__all__ = ["ShopRequest", "ACTIVE_STATES", "FINAL_STATES"]


class ShopRequest(models.Model):
    """One choice of data set, component, quantities, cuts and format."""

    PENDING = "PENDING"
    QUEUED = "QUEUED"
    EXECUTING = "EXECUTING"
    COMPLETED = "COMPLETED"
    ERROR = "ERROR"
    ABORTED = "ABORTED"
    STATES = [(s, s.capitalize()) for s in (PENDING, QUEUED, EXECUTING,
                                             COMPLETED, ERROR, ABORTED)]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4,
                          editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL,
                             on_delete=models.CASCADE,
                             related_name="shop_requests")
    dataset = models.CharField(max_length=100)
    selection = models.JSONField(help_text="Selection.to_json()")
    state = models.CharField(max_length=10, choices=STATES, default=QUEUED)
    progress = models.FloatField(default=0.0)
    n_events = models.BigIntegerField(null=True, blank=True)
    estimated_size = models.BigIntegerField(default=0)
    size = models.BigIntegerField(null=True, blank=True)
    package_key = models.CharField(max_length=300, blank=True,
                                   help_text="name in the export store")
    sha256 = models.CharField(max_length=64, blank=True)
    data_sha256 = models.CharField(max_length=64, blank=True)
    message = models.TextField(blank=True, help_text="for the user")
    attempts = models.JSONField(default=list, blank=True,
                                help_text="[{host, start, end, outcome}]")
    claim = models.CharField(max_length=64, blank=True,
                             help_text="the attempt that may finish it")
    dispatched = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    expires = models.DateTimeField(null=True, blank=True)
    purged = models.DateTimeField(null=True, blank=True)
    template_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="edited_copies",
        help_text="the request whose choice was edited into this one")
    resubmitted_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="resubmissions")

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["state", "dispatched"]),
                   models.Index(fields=["user", "state"])]

    def __str__(self):
        return f"{self.id} {self.dataset} {self.state}"

    @property
    def fmt(self):
        """The chosen format (``hdf5``, ``root``, ``ascii``, ``parquet``)."""
        return self.selection.get("fmt", "")

    def is_active(self):
        """Whether the request still waits or runs."""
        return self.state in ACTIVE_STATES

    def is_expired(self, now):
        """Whether the package's download time is over at ``now``."""
        return self.expires is not None and now >= self.expires

    def downloadable(self, now):
        """Whether the package can be fetched at ``now``."""
        return (self.state == self.COMPLETED and bool(self.package_key)
                and self.purged is None and not self.is_expired(now))


ACTIVE_STATES = (ShopRequest.PENDING, ShopRequest.QUEUED,
                 ShopRequest.EXECUTING)
FINAL_STATES = (ShopRequest.COMPLETED, ShopRequest.ERROR,
                ShopRequest.ABORTED)
