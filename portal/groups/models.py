"""Groups form a tree; a person's groups are computed, never copied.

A member of a group is, in effect, a member of every group above it:
a grant to ``kascade`` reaches the members of ``kascade-grande`` and of
``kascade-grande-analysis``.  ``portal.groups.tree`` computes this with
recursive queries.  Cycles are refused by ``clean()``, by ``save()``
and by a trigger in the database (migration 0002), so that neither a
form, nor code, nor SQL by hand can make one.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils import timezone

__all__ = ["Group", "Membership", "GroupManager"]

# The ancestors of a group, itself included.  UNION (not UNION ALL)
# stops at a repeated row, so even a corrupt table cannot loop forever.
_ANCESTORS_SQL = """
WITH RECURSIVE up(id, parent_id) AS (
    SELECT id, parent_id FROM {table} WHERE id = %s
  UNION
    SELECT g.id, g.parent_id FROM {table} g JOIN up ON g.id = up.parent_id
)
SELECT id FROM up
"""


class Group(models.Model):
    """A group of people; ``parent`` makes it a subgroup."""

    name = models.SlugField(max_length=100, unique=True,
                            help_text="e.g. kascade-grande-analysis")
    description = models.TextField(blank=True)
    parent = models.ForeignKey("self", null=True, blank=True,
                               on_delete=models.PROTECT,
                               related_name="children")
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [models.CheckConstraint(
            condition=~models.Q(parent=models.F("id")),
            name="group_not_its_own_parent")]

    def __str__(self):
        return self.name

    def ancestor_ids(self):
        """The ids of this group and of every group above it."""
        if self.pk is None:
            return set()
        with connection.cursor() as cursor:
            cursor.execute(_ANCESTORS_SQL.format(
                table=connection.ops.quote_name(self._meta.db_table)),
                [self.pk])
            return {row[0] for row in cursor.fetchall()}

    def clean(self):
        """Refuse a parent that is this group or lies below it."""
        super().clean()
        self._refuse_cycle()

    def _refuse_cycle(self):
        if self.parent_id is None or self.pk is None:
            return
        if self.parent_id == self.pk or self.pk in Group(
                pk=self.parent_id).ancestor_ids():
            raise ValidationError({"parent": (
                f"{self.parent} lies below {self.name}: the groups would "
                "form a cycle.")})

    def save(self, *args, **kwargs):
        # clean() is not called by save(); code must not make cycles either.
        self._refuse_cycle()
        super().save(*args, **kwargs)


class Membership(models.Model):
    """A person is a direct member of a group (and so of its ancestors)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL,
                             on_delete=models.CASCADE,
                             related_name="group_memberships")
    group = models.ForeignKey(Group, on_delete=models.CASCADE,
                              related_name="memberships")
    added = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["user", "group"], name="one_membership_per_group")]
        ordering = ["group__name", "user__username"]

    def __str__(self):
        return f"{self.user} in {self.group}"


class GroupManager(models.Model):
    """A person who may add and remove members of a group's subtree.

    Managing members is not a right to data: a manager sees restricted
    data only through their own memberships.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL,
                             on_delete=models.CASCADE,
                             related_name="managed_groups")
    group = models.ForeignKey(Group, on_delete=models.CASCADE,
                              related_name="managers")

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["user", "group"], name="one_manager_row_per_group")]

    def __str__(self):
        return f"{self.user} manages {self.group}"
