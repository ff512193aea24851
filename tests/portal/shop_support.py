"""Fixtures of the shop's portal tests (imported by tests/portal/test_shop*).

The shop's folders go to a temporary directory; the broker is the real
RabbitMQ, with a queue of the test's own (deleted afterwards) so that no
running worker takes the test's messages.  Counts and exports read the
data centre's real database (``kascade_sim``, 10^6 simulated showers).
"""

import uuid

import psycopg2
import pytest
from django.conf import settings as django_settings

from portal.access.models import RestrictedResource
from portal.accounts.models import ApiToken
from portal.celery import app

SCALARS = ["R", "EV", "E", "ZE", "AZ", "NE"]
#: The SQL of the cuts of :func:`selection`.
WHERE = "log_energy >= 15.5"


def selection(**changes):
    """A small valid kascade_sim selection as JSON (2,438 events)."""
    body = {"dataset": "kascade_sim", "component": "events",
            "quantities": list(SCALARS),
            "cuts": {"E": [15.5, None]},
            "fmt": "hdf5", "region": None, "time_range": None}
    body.update(changes)
    return body


def data_count(where):
    """``SELECT COUNT(*)`` on kascade_sim.events, straight from the DB."""
    conn = psycopg2.connect(django_settings.SHOP_DATA_DSN)
    try:
        with conn.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM kascade_sim.events "
                           f"WHERE {where}")
            return cursor.fetchone()[0]
    finally:
        conn.close()


def _delete_queue(name):
    try:
        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(name)
    except Exception:   # the queue was never made, or the broker is away
        pass


@pytest.fixture
def shop_dirs(settings, tmp_path):
    """The store, scratch and preselected folders under tmp_path."""
    settings.SHOP_STORE = tmp_path / "store"
    settings.SHOP_SCRATCH = tmp_path / "scratch"
    settings.SHOP_PRESELECTED = tmp_path / "preselected"
    settings.SHOP_QUEUE = f"apdc-shop-test-{uuid.uuid4().hex[:8]}"
    yield tmp_path
    _delete_queue(settings.SHOP_QUEUE)


@pytest.fixture
def token_for():
    """token_for(user) -> the ``Authorization`` header value."""
    def make(user):
        _, secret = ApiToken.issue(user, "shop test")
        return f"Bearer {secret}"
    return make


@pytest.fixture
def embargo(tree, make_resource):
    """kascade_embargo, granted to kascade-grande (as portal_setup makes)."""
    make_resource("kascade_embargo", tree["kascade-grande"])
    return RestrictedResource.objects.get(name="kascade_embargo")
