"""Alert subscriptions: only the alerts group, and the summary by e-mail
through a real SMTP server on loopback (portal/alerts)."""

import pytest
from django.core.management import call_command

from apdc import alerts as apdc_alerts
from portal.alerts import services
from portal.alerts.models import Subscription
from portal.groups.models import Group

from tests.portal.conftest import login

pytestmark = [pytest.mark.live, pytest.mark.django_db]

IC170922A = "130033_50579430"


@pytest.fixture(scope="module")
def analysed():
    """IceCube-170922A analysed and stored in the data centre's database."""
    result, row = apdc_alerts.analyse_stored("IceCube-170922A")
    return row


@pytest.fixture
def alerts_group():
    """The group the app's migration made, with a subgroup."""
    group = Group.objects.get(name=services.GROUP)
    Group.objects.create(name="alerts-amon", parent=group)
    return group


def test_the_migration_made_the_group():
    assert Group.objects.filter(name="alerts").exists()


def test_only_the_alerts_group_may_subscribe(client, alerts_group,
                                             make_user):
    make_user("outsider")
    assert login(client, "outsider")
    answer = client.get("/alerts/subscription/")
    assert answer.status_code == 403
    assert "Only members of the group" in answer.content.decode()
    answer = client.post("/alerts/subscription/", {"subscribed": "on"})
    assert answer.status_code == 403
    assert not Subscription.objects.exists()


def test_subscribing_through_the_form(client, alerts_group, make_user):
    member = make_user("watcher", "alerts-amon")    # a subgroup's member
    assert login(client, "watcher")
    page = client.get("/alerts/subscription/")
    assert page.status_code == 200 and "You are not subscribed" in \
        page.content.decode()
    answer = client.post("/alerts/subscription/", {"subscribed": "on"},
                         follow=True)
    assert "You are subscribed" in answer.content.decode()
    assert Subscription.objects.filter(user=member).exists()
    client.post("/alerts/subscription/", {})
    assert not Subscription.objects.filter(user=member).exists()


def test_subscription_needs_a_login(client):
    answer = client.get("/alerts/subscription/")
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


def test_summary_mail_reaches_subscribers_only(analysed, alerts_group,
                                               make_user, mailbox, capsys):
    subscriber = make_user("subscriber", "alerts")
    make_user("member", "alerts")                        # not subscribed
    left = make_user("left", "alerts")
    for user in (subscriber, left):
        Subscription.objects.create(user=user)
    left.group_memberships.all().delete()                # left the group
    call_command("alert_notify", IC170922A)
    assert "mailed to 1 subscriber(s)" in capsys.readouterr().out
    assert [m["To"] for m in mailbox.messages] == ["subscriber@example.org"]
    message = mailbox.messages[0]
    assert "IceCube-170922A" in message["Subject"]
    body = mailbox.bodies()[0]
    assert "3FHL J0509.4+0542" in body
    assert f"/alerts/{IC170922A}/" in body
    assert "scrambled skies" in body


def test_notify_of_an_unknown_alert_is_an_error():
    from django.core.management.base import CommandError
    with pytest.raises(CommandError, match="has not been analysed"):
        call_command("alert_notify", "1_2")
