"""portal_setup (what make up runs) and protected_paths."""

import io

import pytest
from django.core.management import call_command

from portal.access.models import Grant, RestrictedResource
from portal.access.services import may_access
from portal.accounts.models import LicenceVersion
from portal.groups.models import Group

pytestmark = [pytest.mark.live, pytest.mark.django_db]


def _setup():
    out = io.StringIO()
    call_command("portal_setup", "--no-static", stdout=out)
    return out.getvalue()


def test_portal_setup_is_idempotent_and_keeps_changes(make_user):
    assert "portal ready" in _setup()
    assert LicenceVersion.current().version == "1.0"
    resource = RestrictedResource.objects.get(name="kascade_embargo")
    assert resource.embargo_until.year == 2028
    assert [g.group.name for g in Grant.objects.filter(
        resource=resource)] == ["kascade-grande"]
    assert Group.objects.get(
        name="kascade-grande-analysis").parent.parent.name == "kascade"
    deep = make_user("deep", "kascade-grande-analysis")
    top = make_user("top", "kascade")
    assert may_access(deep, "kascade_embargo")
    assert not may_access(top, "kascade_embargo")
    # an operator's change survives a second run
    resource.paths.filter(prefix="/getproduct/kascade_embargo/").delete()
    _setup()
    assert RestrictedResource.objects.count() == 1
    assert LicenceVersion.objects.count() == 1
    out = io.StringIO()
    call_command("protected_paths", stdout=out)
    assert out.getvalue().split() == ["/kascade_embargo/"]
