"""Pages for group managers: the members of the groups they manage.

A manager of a group may change the members of it and of every group
below it; administrators do the rest (the tree itself, managers,
grants) in the Django admin.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from portal.groups import tree
from portal.groups.forms import AddMemberForm
from portal.groups.models import Group, Membership

__all__ = ["group_list", "group_detail", "add_member", "remove_member"]


def _managed(request, name):
    # 404, not 403: a manager need not learn the names of other groups
    group = get_object_or_404(Group, name=name)
    if not tree.may_manage(request.user, group):
        raise Http404("no such group among those you manage")
    return group


@login_required
def group_list(request):
    """The groups the caller manages and the groups the caller is in."""
    return render(request, "groups/list.html", {
        "managed": Group.objects.filter(
            pk__in=tree.managed_group_ids(request.user)),
        "member_of": tree.effective_groups(request.user),
    })


@login_required
def group_detail(request, name):
    """Direct members of a managed group, and a form to add one."""
    group = _managed(request, name)
    return render(request, "groups/detail.html", {
        "group": group,
        "memberships": group.memberships.select_related("user"),
        "children": group.children.all(),
        "form": AddMemberForm(),
    })


@login_required
@require_POST
def add_member(request, name):
    """Adds a person to a managed group."""
    group = _managed(request, name)
    form = AddMemberForm(request.POST)
    if form.is_valid():
        user = form.cleaned_data["username"]
        Membership.objects.get_or_create(user=user, group=group)
        messages.success(request, f"{user} is now a member of {group}.")
    else:
        messages.error(request, "; ".join(form.errors.get("username", [])))
    return redirect("groups:detail", name=group.name)


@login_required
@require_POST
def remove_member(request, name, user_id):
    """Removes a person from a managed group; effective at once."""
    group = _managed(request, name)
    deleted, _ = Membership.objects.filter(group=group,
                                           user_id=user_id).delete()
    if deleted:
        messages.success(request, f"Member removed from {group}.")
    return redirect("groups:detail", name=group.name)
