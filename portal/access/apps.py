"""The access app: restricted resources, grants to groups, /auth/check."""

from django.apps import AppConfig

__all__ = ["AccessConfig"]


class AccessConfig(AppConfig):
    name = "portal.access"
    label = "access"
    verbose_name = "Restricted data"
