"""The problem lifecycle: draft → submitted → (clerk check) open → … with reasons."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qa import services
from qa.models import Problem, ProblemEvent, ProblemStatus, SolutionKind
from servicedesk.services import referral_create
from stations.models import RewardEntry
from tests.factories.qa import ProblemFactory
from tests.factories.servicedesk import (
    CityStationFactory,
    ServiceOrganisationFactory,
    problem_at,
    staff_of,
)
from tests.factories.stations import ExpertFactory

S = ProblemStatus
CHECK_QUEUE = reverse("qa_check:queue")


@pytest.fixture
def submitted(enterprise):
    return ProblemFactory(enterprise=enterprise, clerk=None)


def check(client, problem, **data):
    prefixed = {f"p{problem.pk}-{key}": value for key, value in data.items()}
    return client.post(reverse("qa_check:decide", args=[problem.pk]), prefixed)


def move(client, problem, to_status, note="", **extra):
    return client.post(
        reverse("qa:problem_status", args=[problem.pk]),
        {"to_status": to_status, "note": note, **extra},
    )


@pytest.mark.django_db
def test_submitted_problem_is_private_until_the_clerk_opens_it(
    client, clerk, submitted
):
    assert submitted.status == S.SUBMITTED
    assert client.get(submitted.get_absolute_url()).status_code == 404
    expert = ExpertFactory()
    client.force_login(expert.user)
    assert client.get(submitted.get_absolute_url()).status_code == 404
    with pytest.raises(ValidationError):
        services.answer_create(problem=submitted, user=expert.user, text="抢答")

    client.force_login(clerk)
    queue = client.get(CHECK_QUEUE)
    assert queue.status_code == 200 and submitted.title in queue.content.decode()
    check(client, submitted, decision="open")
    submitted.refresh_from_db()
    assert submitted.status == S.OPEN
    client.logout()
    page = client.get(submitted.get_absolute_url()).content.decode()
    timeline = page.split('id="timeline-h"')[1]
    assert "服务站工作人员" in timeline
    assert clerk.username not in timeline  # staff act as the station
    assert submitted.title in client.get(reverse("qa:problem_list")).content.decode()


@pytest.mark.django_db
def test_clerk_returns_a_problem_only_with_a_reason(client, clerk, submitted):
    client.force_login(clerk)
    check(client, submitted, decision="return", note="")
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED
    check(client, submitted, decision="return", note="请补充设备型号")
    submitted.refresh_from_db()
    assert submitted.status == S.DRAFT
    assert submitted.events.last().note == "请补充设备型号"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["owner", "expert", "anonymous"])
def test_only_staff_check_problems(client, submitted, who):
    if who == "owner":
        client.force_login(submitted.enterprise.user)
    elif who == "expert":
        client.force_login(ExpertFactory().user)
    assert client.get(CHECK_QUEUE).status_code in (302, 403)
    check(client, submitted, decision="open")
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


@pytest.mark.django_db
def test_draft_is_saved_then_submitted(client, enterprise):
    client.force_login(enterprise.user)
    client.post(
        reverse("qa:problem_create"),
        {
            "title": "草稿：烘干机能耗高",
            "description": "每吨玉米耗煤 40 kg。",
            "industry": "grain",
            "region": "changchun",
            "urgency": "low",
            "visibility": "public",
            "contact_channels": ["site"],
            "save_draft": "1",
        },
    )
    problem = Problem.objects.get()
    assert problem.status == S.DRAFT
    move(client, problem, S.SUBMITTED)
    problem.refresh_from_db()
    assert problem.status == S.SUBMITTED


@pytest.mark.django_db
def test_enterprise_closes_with_a_reason_and_reopens_with_a_reason(client, problem):
    client.force_login(problem.enterprise.user)
    move(client, problem, S.CLOSED)
    problem.refresh_from_db()
    assert problem.status == S.OPEN
    move(client, problem, S.CLOSED, note="已自行解决")
    problem.refresh_from_db()
    assert problem.status == S.CLOSED
    move(client, problem, S.OPEN)
    problem.refresh_from_db()
    assert problem.status == S.CLOSED
    move(client, problem, S.OPEN, note="问题复现")
    problem.refresh_from_db()
    assert problem.status == S.OPEN
    notes = list(problem.events.values_list("note", flat=True))
    assert "已自行解决" in notes and "问题复现" in notes
    page = client.get(problem.get_absolute_url()).content.decode()
    assert "问题复现" in page and problem.enterprise.name in page


@pytest.mark.django_db
def test_enterprise_cannot_refer_or_declare_on_site_solutions(client, problem):
    client.force_login(problem.enterprise.user)
    assert move(client, problem, S.REFERRED, note="x").status_code == 403
    response = move(client, problem, S.SOLVED, solution_kind=SolutionKind.ON_SITE)
    assert response.status_code == 403
    problem.refresh_from_db()
    assert problem.status == S.OPEN


@pytest.mark.django_db
@pytest.mark.parametrize("to_status", [S.SOLVED, S.REFERRED])
def test_staff_cannot_solve_or_refer_by_hand(client, clerk, problem, to_status):
    """Solutions carry rewards and referrals carry an organisation: both come
    only from their records, never from the status form."""
    client.force_login(clerk)
    page = client.get(problem.get_absolute_url()).content.decode()
    assert f'name="to_status" value="{to_status}"' not in page
    assert 'name="to_status" value="closed"' in page
    events = problem.events.count()
    response = move(
        client,
        problem,
        to_status,
        note="现场已解决",
        solution_kind=SolutionKind.ON_SITE,
    )
    assert response.status_code == 403
    problem.refresh_from_db()
    assert problem.status == S.OPEN
    assert (problem.solution_kind, problem.solved_at) == ("", None)
    assert problem.events.count() == events
    assert not RewardEntry.objects.exists()


@pytest.mark.django_db
def test_a_referred_problem_is_solved_only_through_its_records(client):
    city = CityStationFactory()
    clerk = staff_of(city)
    problem = problem_at(city)
    referral_create(
        problem=problem,
        organisation=ServiceOrganisationFactory(),
        actor=clerk,
        note="转吉林省农科院加工所",
    )
    problem.refresh_from_db()
    assert problem.status == S.REFERRED
    assert set(services.problem_moves_for(problem=problem, user=clerk)) == {
        S.OPEN,
        S.CLOSED,
    }
    client.force_login(clerk)
    assert move(client, problem, S.SOLVED, note="现场解决").status_code == 403
    problem.refresh_from_db()
    assert problem.status == S.REFERRED


@pytest.mark.django_db
def test_moves_outside_the_lifecycle_are_refused(clerk, problem, enterprise):
    draft = services.problem_create(
        enterprise=enterprise,
        title="草稿",
        description="x",
        industry="other",
        region="changchun",
        tags=[],
        submit=False,
    )
    with pytest.raises(PermissionDenied):
        services.problem_change_status(problem=draft, user=clerk, to_status=S.OPEN)
    with pytest.raises(ValidationError):
        services.problem_transition(problem=draft, to_status=S.ANSWERED, actor=clerk)
    draft.refresh_from_db()
    assert draft.status == S.DRAFT
    assert ProblemEvent.objects.filter(problem=draft).count() == 1


@pytest.mark.django_db
def test_outsiders_cannot_change_a_problem(client, problem):
    client.force_login(ExpertFactory().user)
    assert move(client, problem, S.CLOSED, note="捣乱").status_code == 403
    problem.refresh_from_db()
    assert problem.status == S.OPEN


@pytest.mark.django_db
def test_staff_opening_from_the_problem_page_is_the_clerk_check(
    client, clerk, submitted, django_capture_on_commit_callbacks
):
    expert = ExpertFactory(expertise=["污水处理"])
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        move(client, submitted, S.OPEN)
    submitted.refresh_from_db()
    assert submitted.status == S.OPEN
    assert expert.user.notifications.filter(event="new_problem").exists()
