"""Licence versions, tokens and deletion counts in the Django admin."""

from django.contrib import admin
from django.utils import timezone

from portal.accounts.models import (ApiToken, DeletedAccountsCount,
                                    LicenceAcceptance, LicenceVersion)

__all__ = ["LicenceVersionAdmin", "ApiTokenAdmin"]


@admin.register(LicenceVersion)
class LicenceVersionAdmin(admin.ModelAdmin):
    list_display = ["version", "title", "published"]


@admin.register(LicenceAcceptance)
class LicenceAcceptanceAdmin(admin.ModelAdmin):
    list_display = ["user", "licence", "accepted"]
    list_filter = ["licence"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens can be looked at and revoked here, never read."""

    list_display = ["name", "user", "hint", "created", "last_used",
                    "revoked"]
    readonly_fields = ["user", "name", "hint", "created", "last_used"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False    # a token is made by its owner, who sees the secret

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        queryset.filter(revoked__isnull=True).update(revoked=timezone.now())


@admin.register(DeletedAccountsCount)
class DeletedAccountsCountAdmin(admin.ModelAdmin):
    list_display = ["month", "count"]
