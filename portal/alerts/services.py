"""Who may subscribe to alert summaries, and who gets them.

The right belongs to the group ``alerts`` (and so, as everywhere in the
portal, to the members of its subgroups): :func:`may_subscribe` asks
the group tree, and :func:`recipients` mails only subscribers who are
still members.
"""

from django.contrib.auth import get_user_model

from portal.alerts.models import Subscription
from portal.groups import tree
from portal.groups.models import Group

__all__ = ["GROUP", "alerts_group", "may_subscribe", "is_subscribed",
           "set_subscribed", "recipients"]

#: The group whose members may subscribe.
GROUP = "alerts"


def alerts_group():
    """The group ``alerts`` (made by the app's migration), or None."""
    return Group.objects.filter(name=GROUP).first()


def may_subscribe(user):
    """Whether ``user`` is, directly or through a subgroup, in ``alerts``."""
    group = alerts_group()
    return group is not None and group.pk in tree.effective_group_ids(user)


def is_subscribed(user):
    return user.is_authenticated and Subscription.objects.filter(
        user=user).exists()


def set_subscribed(user, subscribed):
    """Subscribe or unsubscribe ``user`` (who may subscribe)."""
    if subscribed:
        Subscription.objects.get_or_create(user=user)
    else:
        Subscription.objects.filter(user=user).delete()


def recipients():
    """The active subscribers, still in the group, who have an address."""
    group = alerts_group()
    if group is None:
        return []
    members = tree.effective_member_ids(group)
    return list(get_user_model().objects.filter(
        pk__in=members, is_active=True, alert_subscription__isnull=False)
        .exclude(email="").order_by("username"))
