"""What the shop offers and who may have it: the export library's view.

The catalogue (data sets, components, quantities, default cuts) comes
from ``exporters.shop``, which reads it from the RDs; the portal adds
only the access decision (:func:`portal.access.services.may_access`,
with the data set's name as the resource name) and a connection to the
data centre's database.
"""

from dataclasses import dataclass

from django.conf import settings

from exporters import shop
from portal.access.models import RestrictedResource
from portal.access.services import clock, may_access

__all__ = ["ASCII_REASON", "Refusal", "connect", "datasets", "dataset",
           "allowed", "visible_datasets", "check", "estimate",
           "refusal_from"]


#: KCDC's reason for offering ASCII only without per-station arrays (the
#: form shows it when an array is ticked; the API's 422 has the library's).
ASCII_REASON = ("ASCII is not offered once a per-station array is chosen: "
                "the files would be about 500 times larger than HDF5 or "
                "ROOT; choose HDF5, ROOT or Parquet")


@dataclass
class Refusal(Exception):
    """A request that is not taken: HTTP status, field and message."""

    status: int
    field: str
    message: str

    def __str__(self):
        return f"{self.field}: {self.message}"

    def as_json(self):
        """The JSON body of the HTTP answer."""
        return {"error": self.message, "field": self.field,
                "status": self.status}


def refusal_from(error):
    """The :class:`Refusal` of a ``ShopError`` of the export library."""
    return Refusal(getattr(error, "status", 400) or 400,
                   getattr(error, "field", "") or "",
                   getattr(error, "message", "") or str(error))


def connect():
    """A new psycopg2 connection to the data centre's database."""
    import psycopg2
    return psycopg2.connect(settings.SHOP_DATA_DSN)


def datasets():
    """Every shoppable data set (``exporters.shop.catalogue()``)."""
    return shop.catalogue()


def dataset(name):
    """The data set called ``name``, or None."""
    return next((d for d in datasets() if d.name == name), None)


def allowed(user, found, now=None):
    """Whether ``user`` may have data set ``found`` at ``now``.

    A data set its RD calls restricted is refused (fail closed) until
    the portal knows it as a restricted resource; then the portal's
    decision counts (grants to groups, the embargo date).
    """
    if not found.restricted:
        return True
    if not RestrictedResource.objects.filter(name=found.name).exists():
        return False
    return may_access(user, found.name, now or clock())


def visible_datasets(user, now=None):
    """The data sets ``user`` may choose (restricted ones need a grant)."""
    return [d for d in datasets() if allowed(user, d, now)]


def check(user, selection, now=None):
    """Validate ``selection`` and decide access for ``user``.

    Parameters
    ----------
    user : User
    selection : exporters.shop.Selection
    now : datetime, optional
        The moment of the access decision (embargo dates).

    Raises
    ------
    Refusal
        404 for an unknown data set, 403 for a data set the user may
        not see, else whatever the library's ``validate`` refuses.
    """
    found = dataset(selection.dataset)
    if found is None:
        raise Refusal(404, "dataset",
                      f"unknown data set {selection.dataset!r}")
    if not allowed(user, found, now):
        raise Refusal(403, "dataset",
                      f"data set {found.name!r} is restricted: ask the "
                      "managers of your collaboration's group for access")
    # the library refuses ASCII with an array (422, KCDC's reason)
    try:
        shop.validate(selection)
    except shop.ShopError as error:
        raise refusal_from(error) from error
    return found


def estimate(selection):
    """``(n_events, bytes)`` for a valid selection, from the database."""
    conn = connect()
    try:
        n_events = shop.count(conn, selection)
    finally:
        conn.close()
    return n_events, shop.estimate_bytes(selection, n_events)
