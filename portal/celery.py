"""The Celery application of the data shop, configured from Django settings.

Workers run ``celery -A portal.celery worker -Q apdc-shop -n w1@HOST``;
the settings are the ``CELERY_`` names of :mod:`portal.settings`
(broker from ``APDC_SHOP_BROKER_URL``).  PostgreSQL holds the state of
every request; the broker only carries the ids of requests to run.
"""

import os

from celery import Celery

__all__ = ["app"]

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
# The task module is named, not discovered: the worker then needs no
# scan of every installed app.
app.conf.imports = ("portal.shop.tasks",)
