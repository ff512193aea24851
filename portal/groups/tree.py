"""Effective memberships, computed by recursive queries on every call.

Nothing here is cached or copied: removing a membership changes the
answer of the very next call.
"""

from django.db import connection

from portal.groups.models import Group, GroupManager, Membership

__all__ = ["effective_group_ids", "effective_groups", "subtree_ids",
           "managed_group_ids", "may_manage", "effective_member_ids"]


def _tables():
    quote = connection.ops.quote_name
    return {"groups": quote(Group._meta.db_table),
            "members": quote(Membership._meta.db_table),
            "managers": quote(GroupManager._meta.db_table)}


# The groups a person is in: their direct groups and all above them.
_EFFECTIVE_SQL = """
WITH RECURSIVE up(id, parent_id) AS (
    SELECT g.id, g.parent_id FROM {groups} g
      JOIN {members} m ON m.group_id = g.id
     WHERE m.user_id = %s
  UNION
    SELECT g.id, g.parent_id FROM {groups} g JOIN up ON g.id = up.parent_id
)
SELECT id FROM up
"""

# A set of groups and all below them; {start} selects the roots.
_SUBTREE_SQL = """
WITH RECURSIVE down(id) AS (
    {start}
  UNION
    SELECT g.id FROM {groups} g JOIN down ON g.parent_id = down.id
)
SELECT id FROM down
"""


def _ids(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


def effective_group_ids(user):
    """The ids of the groups ``user`` is in, directly or through subgroups.

    Parameters
    ----------
    user : django.contrib.auth.models.User or AnonymousUser

    Returns
    -------
    set of int
        Empty for an anonymous or inactive user.
    """
    if not (user.is_authenticated and user.is_active):
        return set()
    return _ids(_EFFECTIVE_SQL.format(**_tables()), [user.pk])


def effective_groups(user):
    """The groups of :func:`effective_group_ids`, as a query set by name."""
    return Group.objects.filter(pk__in=effective_group_ids(user))


def subtree_ids(group_ids):
    """The ids of the given groups and of every group below them.

    Parameters
    ----------
    group_ids : iterable of int

    Returns
    -------
    set of int
    """
    group_ids = list(group_ids)
    if not group_ids:
        return set()
    tables = _tables()
    start = f"SELECT id FROM {tables['groups']} WHERE id = ANY(%s)"
    return _ids(_SUBTREE_SQL.format(start=start, **tables), [group_ids])


def managed_group_ids(user):
    """The ids of the groups whose members ``user`` may change.

    A manager of a group manages its whole subtree; a superuser all.
    """
    if not (user.is_authenticated and user.is_active):
        return set()
    if user.is_superuser:
        return set(Group.objects.values_list("pk", flat=True))
    tables = _tables()
    start = f"SELECT group_id FROM {tables['managers']} WHERE user_id = %s"
    return _ids(_SUBTREE_SQL.format(start=start, **tables), [user.pk])


def may_manage(user, group):
    """Whether ``user`` may add members to and remove them from ``group``."""
    return group.pk in managed_group_ids(user)


def effective_member_ids(group):
    """The ids of the users who hold what is granted to ``group``.

    They are the direct members of the group and of all its subgroups.
    """
    return set(Membership.objects.filter(
        group_id__in=subtree_ids([group.pk])).values_list("user_id",
                                                          flat=True))
