"""The alerts app: analysed alerts and the alerts group's subscriptions."""

from django.apps import AppConfig

__all__ = ["AlertsConfig"]


class AlertsConfig(AppConfig):
    name = "portal.alerts"
    label = "alerts"
    verbose_name = "Neutrino alerts"
