"""The groups app: a tree of groups, memberships and group managers."""

from django.apps import AppConfig

__all__ = ["GroupsConfig"]


class GroupsConfig(AppConfig):
    name = "portal.groups"
    label = "groups"
    verbose_name = "Hierarchical groups"
