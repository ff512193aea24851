"""Restricted resources, their paths and grants in the Django admin."""

from django.contrib import admin

from portal.access.models import Grant, ProtectedPath, RestrictedResource

__all__ = ["RestrictedResourceAdmin"]


class PathInline(admin.TabularInline):
    model = ProtectedPath
    extra = 1


class GrantInline(admin.TabularInline):
    model = Grant
    extra = 1


@admin.register(RestrictedResource)
class RestrictedResourceAdmin(admin.ModelAdmin):
    """A resource, the path prefixes it covers and the groups it is for."""

    list_display = ["name", "title", "embargo_until"]
    search_fields = ["name", "title"]
    inlines = [PathInline, GrantInline]
