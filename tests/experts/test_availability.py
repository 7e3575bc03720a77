import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from experts.models import AwayPeriod, InvitationReply
from experts.services import availability
from qa.announcements import experts_invite
from qa.matching import experts_matching
from qa.models import Notification, NotificationEvent
from tests.factories.experts import AwayPeriodFactory
from tests.factories.stations import ExpertFactory

TODAY = datetime.date.today


@pytest.fixture
def matching_expert(db):
    return ExpertFactory(expertise=["污水处理"])


@pytest.mark.django_db
def test_an_away_expert_is_not_matched_nor_invited(problem, matching_expert, clerk):
    assert matching_expert in experts_matching(problem=problem)
    AwayPeriodFactory(expert=matching_expert, note="出国访学")
    assert matching_expert not in experts_matching(problem=problem)
    assert experts_invite(problem=problem, experts=[matching_expert], user=clerk) == 0
    assert not Notification.objects.filter(
        recipient=matching_expert.user, event=NotificationEvent.INVITED
    ).exists()


@pytest.mark.django_db
def test_away_periods_in_the_past_or_future_do_not_count(
    problem, matching_expert, clerk
):
    today = timezone.localdate()
    AwayPeriod.objects.create(
        expert=matching_expert,
        start=today - datetime.timedelta(10),
        end=today - datetime.timedelta(1),
    )
    AwayPeriod.objects.create(
        expert=matching_expert,
        start=today + datetime.timedelta(1),
        end=today + datetime.timedelta(5),
    )
    assert matching_expert in experts_matching(problem=problem)
    assert experts_invite(problem=problem, experts=[matching_expert], user=clerk) == 1


@pytest.mark.django_db
def test_an_expert_sets_and_removes_an_away_period_in_his_account(client, expert):
    client.force_login(expert.user)
    today = timezone.localdate()
    response = client.post(
        reverse("experts:away"),
        {
            "start": today.isoformat(),
            "end": (today + datetime.timedelta(3)).isoformat(),
            "note": "出差",
        },
        follow=True,
    )
    assert "出差" in response.content.decode()
    period = AwayPeriod.objects.get(expert=expert)
    overlapping = client.post(
        reverse("experts:away"),
        {"start": today.isoformat(), "end": today.isoformat()},
    )
    assert "重叠" in overlapping.content.decode()
    reversed_dates = client.post(
        reverse("experts:away"),
        {
            "start": (today + datetime.timedelta(9)).isoformat(),
            "end": (today + datetime.timedelta(8)).isoformat(),
        },
    )
    assert "结束日期早于开始日期" in reversed_dates.content.decode()
    client.post(reverse("experts:away_remove", args=[period.pk]))
    assert not AwayPeriod.objects.exists()


@pytest.mark.django_db
def test_nobody_removes_another_experts_period(client, expert):
    period = AwayPeriodFactory(expert=expert)
    other = ExpertFactory()
    client.force_login(other.user)
    assert (
        client.post(reverse("experts:away_remove", args=[period.pk])).status_code == 404
    )
    with pytest.raises(PermissionDenied):
        availability.away_remove(user=other.user, period=period)
    assert AwayPeriod.objects.filter(pk=period.pk).exists()


@pytest.mark.django_db
def test_enterprises_have_no_away_page(client, enterprise):
    client.force_login(enterprise.user)
    assert client.get(reverse("experts:away")).status_code == 404
    with pytest.raises(PermissionDenied):
        availability.away_add(user=enterprise.user, start=TODAY(), end=TODAY())


@pytest.fixture
def invitation(problem, matching_expert, clerk):
    experts_invite(problem=problem, experts=[matching_expert], user=clerk)
    return Notification.objects.get(
        recipient=matching_expert.user, event=NotificationEvent.INVITED
    )


@pytest.mark.django_db
def test_an_invited_expert_declines_from_the_inbox_and_staff_are_told(
    client, invitation, matching_expert, clerk
):
    client.force_login(matching_expert.user)
    inbox = client.get(reverse("qa_account:inbox")).content.decode()
    url = reverse("experts:invitation_decline", args=[invitation.pk])
    assert url in inbox
    empty = client.post(url, {"reason": " "})
    assert "必需字段" in empty.content.decode()
    client.post(url, {"reason": "该领域不在我的研究方向内"})
    reply = InvitationReply.objects.get()
    assert (reply.expert, reply.problem) == (matching_expert, invitation.problem)
    told = Notification.objects.get(recipient=clerk, key__contains="declined")
    assert "谢绝" in told.subject and told.body == "该领域不在我的研究方向内"
    again = client.get(url).content.decode()
    assert "您已于" in again
    with pytest.raises(ValidationError):
        availability.invitation_decline(
            user=matching_expert.user, invitation=invitation, reason="再次"
        )


@pytest.mark.django_db
def test_only_the_invited_expert_can_decline(client, invitation, expert):
    client.force_login(expert.user)
    url = reverse("experts:invitation_decline", args=[invitation.pk])
    assert client.post(url, {"reason": "x"}).status_code == 404
    with pytest.raises(PermissionDenied):
        availability.invitation_decline(
            user=expert.user, invitation=invitation, reason="x"
        )
    assert not InvitationReply.objects.exists()


@pytest.mark.django_db
def test_other_notifications_cannot_be_declined(client, matching_expert, problem):
    other = Notification.objects.create(
        recipient=matching_expert.user,
        event=NotificationEvent.NEW_PROBLEM,
        key="x",
        subject="s",
        body="b",
        problem=problem,
    )
    client.force_login(matching_expert.user)
    url = reverse("experts:invitation_decline", args=[other.pk])
    assert client.post(url, {"reason": "x"}).status_code == 404


@pytest.mark.django_db
def test_declines_are_listed_in_the_admin_for_the_experts_station_only(
    client, invitation, matching_expert, clerk, city_clerk
):
    availability.invitation_decline(
        user=matching_expert.user, invitation=invitation, reason="时间冲突无法解答"
    )
    listing = reverse("experts_declined:index")
    client.force_login(clerk)  # the provincial station's clerk
    assert "时间冲突无法解答" in client.get(listing).content.decode()
    client.force_login(city_clerk)  # the expert has no station: provincial
    response = client.get(listing)
    assert response.status_code == 200
    assert "时间冲突无法解答" not in response.content.decode()
