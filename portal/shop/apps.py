"""The shop app: requests, their queue, the web pages, API and UWS."""

from django.apps import AppConfig

__all__ = ["ShopConfig"]


class ShopConfig(AppConfig):
    name = "portal.shop"
    label = "shop"
    verbose_name = "Data shop"
    default_auto_field = "django.db.models.BigAutoField"
