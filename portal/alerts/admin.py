"""The subscriptions in the Django admin."""

from django.contrib import admin

from portal.alerts.models import Subscription

__all__ = ["SubscriptionAdmin"]


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("user", "created")
    search_fields = ("user__username", "user__email")
