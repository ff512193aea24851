"""The group tree: inherited grants, cycles refused, managers."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from portal.access.services import may_access
from portal.groups import tree as group_tree
from portal.groups.models import Group, GroupManager, Membership

from tests.portal.conftest import login

pytestmark = [pytest.mark.live, pytest.mark.django_db]


def test_grant_to_top_reaches_deepest_member(tree, make_user,
                                             make_resource):
    deep = make_user("deep", "kascade-grande-analysis")
    top = make_user("top", "kascade")
    other = make_user("other", "icecube")
    make_resource("top_data", tree["kascade"])
    make_resource("deep_data", tree["kascade-grande-analysis"])
    assert may_access(deep, "top_data") and may_access(top, "top_data")
    assert may_access(deep, "deep_data")
    assert not may_access(top, "deep_data")
    assert not may_access(other, "top_data")
    assert may_access(other, "no_such_resource")   # not restricted


def test_effective_groups_computed_upwards(tree, make_user):
    deep = make_user("deep", "kascade-grande-analysis")
    assert {g.name for g in group_tree.effective_groups(deep)} == {
        "kascade", "kascade-grande", "kascade-grande-analysis"}
    assert group_tree.effective_member_ids(tree["kascade"]) == {deep.pk}
    assert group_tree.effective_member_ids(tree["icecube"]) == set()
    # nothing is copied: only the one direct membership is stored
    assert Membership.objects.filter(user=deep).count() == 1


def test_removal_effective_at_once(tree, make_user, make_resource):
    deep = make_user("deep", "kascade-grande-analysis")
    make_resource("top_data", tree["kascade"])
    assert may_access(deep, "top_data")
    Membership.objects.filter(user=deep).delete()
    assert not may_access(deep, "top_data")


def test_inactive_member_holds_nothing(tree, make_user, make_resource):
    deep = make_user("deep", "kascade-grande-analysis", is_active=False)
    make_resource("top_data", tree["kascade"])
    assert not may_access(deep, "top_data")


def test_cycle_refused_by_clean_and_save(tree):
    top = tree["kascade"]
    top.parent = tree["kascade-grande-analysis"]
    with pytest.raises(ValidationError):
        top.full_clean()
    with pytest.raises(ValidationError):
        top.save()
    top.parent = top
    with pytest.raises(ValidationError):
        top.clean()


def test_cycle_refused_by_the_database(tree):
    """Even SQL that bypasses the models cannot close a loop."""
    table = Group._meta.db_table
    for parent in ("kascade-grande-analysis", "kascade"):
        with pytest.raises(IntegrityError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET parent_id = "
                    f"(SELECT id FROM {table} WHERE name = %s) "
                    "WHERE name = 'kascade'", [parent])
    with pytest.raises(IntegrityError), transaction.atomic():
        Group.objects.filter(name="kascade").update(
            parent=tree["kascade-grande"])
    # a legal move still works
    Group.objects.filter(name="icecube").update(parent=tree["kascade"])


def test_admin_refuses_cycle(client, make_user, tree):
    make_user("root", is_staff=True, is_superuser=True)
    login(client, "root")
    top = tree["kascade"]
    response = client.post(f"/admin/groups/group/{top.pk}/change/", {
        "name": "kascade", "description": "",
        "parent": tree["kascade-grande-analysis"].pk,
        "memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0,
        "managers-TOTAL_FORMS": 0, "managers-INITIAL_FORMS": 0})
    assert response.status_code == 200
    assert b"would form a cycle" in response.content
    top.refresh_from_db()
    assert top.parent is None


def test_manager_changes_members_of_own_subtree_only(client, make_user,
                                                    tree):
    boss = make_user("boss")
    make_user("newbie")
    GroupManager.objects.create(user=boss, group=tree["kascade-grande"])
    login(client, "boss")
    page = client.get("/groups/")
    assert b"kascade-grande-analysis" in page.content
    assert client.get("/groups/kascade-grande-analysis/").status_code == 200
    assert client.get("/groups/kascade/").status_code == 404
    assert client.get("/groups/icecube/").status_code == 404

    client.post("/groups/kascade-grande-analysis/members/",
                {"username": "newbie"})
    member = Membership.objects.get(user__username="newbie")
    assert member.group.name == "kascade-grande-analysis"
    assert client.post("/groups/kascade/members/",
                       {"username": "newbie"}).status_code == 404
    client.post(f"/groups/kascade-grande-analysis/members/"
                f"{member.user_id}/remove/")
    assert not Membership.objects.filter(user__username="newbie").exists()


def test_non_manager_sees_no_group_page(client, make_user, tree):
    make_user("plain", "kascade")
    login(client, "plain")
    assert client.get("/groups/kascade/").status_code == 404
    assert client.post("/groups/kascade/members/",
                       {"username": "plain"}).status_code == 404
