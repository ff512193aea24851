"""The group tree, memberships and managers in the Django admin."""

from django.contrib import admin

from portal.groups.models import Group, GroupManager, Membership

__all__ = ["GroupAdmin"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


class ManagerInline(admin.TabularInline):
    model = GroupManager
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    """Groups with their parent; the form refuses cycles (Group.clean)."""

    list_display = ["name", "parent", "description"]
    list_filter = ["parent"]
    search_fields = ["name", "description"]
    inlines = [MembershipInline, ManagerInline]
