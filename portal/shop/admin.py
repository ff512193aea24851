"""The shop's requests in the Django admin (read mostly)."""

from django.contrib import admin

from portal.shop.models import ShopRequest

__all__ = ["ShopRequestAdmin"]


@admin.register(ShopRequest)
class ShopRequestAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "dataset", "state", "progress", "size",
                    "created", "expires", "dispatched")
    list_filter = ("state", "dataset", "dispatched")
    search_fields = ("id", "user__username")
    readonly_fields = ("selection", "attempts", "claim", "sha256",
                       "data_sha256", "package_key")
