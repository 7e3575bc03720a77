import pytest

from experts import demo
from experts.models import (
    AwayPeriod,
    ExpertApplication,
    InvitationReply,
    VettingAction,
)
from experts.selectors import experts_away
from stations.demo.loader import Tally
from tests.factories.stations import ExpertFactory


@pytest.fixture
def demo_people(director, problem):
    for username in demo.APPLICANTS:
        ExpertFactory(user__username=username, status="pending")
    for username in (demo.AWAY, demo.DECLINING):
        ExpertFactory(user__username=username)
    return director


@pytest.mark.django_db
def test_demo_records_through_the_services_and_a_second_run_adds_nothing(
    demo_people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(Tally(), director=demo_people)
    applications = ExpertApplication.objects.order_by("expert__user__username")
    assert [a.expert.user.username for a in applications] == list(demo.APPLICANTS)
    assert all(a.documents.count() == 1 and a.consent_text for a in applications)
    asked = applications.get(expert__user__username=demo.ASKED)
    assert asked.info_requested
    assert asked.expert.vetting_decisions.get().action == VettingAction.INFO_REQUESTED
    away = AwayPeriod.objects.get()
    assert away.expert.user.username == demo.AWAY
    assert away.expert_id in set(experts_away())
    reply = InvitationReply.objects.get()
    assert reply.expert.user.username == demo.DECLINING and reply.reason
    second = Tally()
    demo.load(second, director=demo_people)
    assert second.total_created == 0
    assert ExpertApplication.objects.count() == 2
    assert InvitationReply.objects.count() == AwayPeriod.objects.count() == 1
