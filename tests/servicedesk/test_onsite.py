"""On-site services (Art. 16): report, enterprise confirmation, verification, reward."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from qa.models import ProblemStatus, SolutionKind
from servicedesk.models import OnSiteService, RecordStatus
from servicedesk.services import (
    onsite_answer,
    onsite_reject,
    onsite_report,
    onsite_verify,
)
from stations.models import RewardEntry, RewardRule
from stations.models.rewards import RewardKind
from tests.factories.servicedesk import (
    CityStationFactory,
    problem_at,
    reward_rules,
    staff_of,
)
from tests.factories.stations import EnterpriseFactory, ExpertFactory

pytestmark = pytest.mark.django_db


def _png(name="现场照片.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def city():
    reward_rules()
    return CityStationFactory()


@pytest.fixture
def reported(city, expert):
    return onsite_report(
        problem=problem_at(city),
        user=expert.user,
        service_date=timezone.localdate() - datetime.timedelta(days=3),
        place="企业生产车间",
        work_done="调整了温控参数并培训操作工",
        files=[_png()],
    )


def _confirmed(service):
    return onsite_answer(
        service=service, user=service.problem.enterprise.user, confirm=True
    )


def test_the_whole_way_solves_the_problem_on_site_with_one_2000_yuan_entry(
    reported, city
):
    assert reported.evidence.get().original_name == "现场照片.png"
    service = onsite_verify(service=_confirmed(reported), actor=staff_of(city))
    problem = service.problem
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.SOLVED
    assert problem.solution_kind == SolutionKind.ON_SITE
    entry = service.reward_entry
    assert (entry.kind, entry.amount, entry.expert) == (
        RewardKind.ON_SITE,
        Decimal("2000.00"),
        service.expert,
    )
    assert entry.event_date == service.service_date
    assert entry.problem == problem


def test_the_amount_is_the_rule_in_force_on_the_visit_date(city, expert):
    RewardRule.objects.filter(kind=RewardKind.ON_SITE).update(
        effective_to=timezone.localdate() - datetime.timedelta(days=11)
    )
    RewardRule.objects.create(
        kind=RewardKind.ON_SITE,
        amount="2500.00",
        effective_from=timezone.localdate() - datetime.timedelta(days=10),
    )
    service = onsite_report(
        problem=problem_at(city),
        user=expert.user,
        service_date=timezone.localdate() - datetime.timedelta(days=20),
        place="车间",
        work_done="现场调试",
    )
    service = onsite_verify(service=_confirmed(service), actor=staff_of(city))
    assert service.reward_entry.amount == Decimal("2000.00")


def test_double_verification_records_one_entry(reported, city):
    clerk = staff_of(city)
    service = _confirmed(reported)
    onsite_verify(service=service, actor=clerk)
    with pytest.raises(ValidationError):
        onsite_verify(service=service, actor=staff_of(city))
    assert RewardEntry.objects.count() == 1


def test_staff_verify_only_what_the_enterprise_confirmed(reported, city):
    with pytest.raises(ValidationError):
        onsite_verify(service=reported, actor=staff_of(city))
    disputed = onsite_answer(
        service=reported,
        user=reported.problem.enterprise.user,
        confirm=False,
        reason="专家当天未到场",
    )
    assert disputed.dispute_reason == "专家当天未到场"
    with pytest.raises(ValidationError):
        onsite_verify(service=disputed, actor=staff_of(city))
    assert not RewardEntry.objects.exists()


def test_another_enterprise_cannot_confirm(reported):
    with pytest.raises(PermissionDenied):
        onsite_answer(service=reported, user=EnterpriseFactory().user, confirm=True)
    reported.refresh_from_db()
    assert reported.status == RecordStatus.REPORTED


def test_another_expert_cannot_confirm_for_the_enterprise(reported):
    with pytest.raises(PermissionDenied):
        onsite_answer(service=reported, user=ExpertFactory().user, confirm=True)


def test_an_unverified_expert_cannot_report(city, pending_expert):
    with pytest.raises(PermissionDenied):
        onsite_report(
            problem=problem_at(city),
            user=pending_expert.user,
            service_date=timezone.localdate(),
            place="车间",
            work_done="调试",
        )
    assert not OnSiteService.objects.exists()


def test_a_future_visit_or_a_disguised_file_is_refused(city, expert):
    problem = problem_at(city)
    fields = {"problem": problem, "user": expert.user, "place": "车间"}
    with pytest.raises(ValidationError):
        onsite_report(
            **fields,
            service_date=timezone.localdate() + datetime.timedelta(days=1),
            work_done="调试",
        )
    fake = SimpleUploadedFile("照片.png", b"<script>alert(1)</script>")
    with pytest.raises(ValidationError):
        onsite_report(
            **fields, service_date=timezone.localdate(), work_done="调试", files=[fake]
        )
    assert not OnSiteService.objects.exists()


def test_a_clerk_of_another_station_cannot_verify(reported):
    with pytest.raises(PermissionDenied):
        onsite_verify(
            service=_confirmed(reported), actor=staff_of(CityStationFactory())
        )
    assert not RewardEntry.objects.exists()


def test_the_expert_must_still_be_verified_when_staff_verify(reported, city):
    service = _confirmed(reported)
    service.expert.status = "suspended"
    service.expert.save()
    with pytest.raises(ValidationError):
        onsite_verify(service=service, actor=staff_of(city))


def test_revoking_a_verified_service_reverses_its_entry_and_reopens(reported, city):
    clerk = staff_of(city)
    service = onsite_verify(service=_confirmed(reported), actor=clerk)
    onsite_reject(service=service, actor=clerk, reason="企业反映问题未解决")
    service.refresh_from_db()
    assert service.status == RecordStatus.REVOKED
    entry = RewardEntry.objects.get()
    assert entry.status == RewardEntry.Status.REVERSED
    assert entry.reversal_reason == "企业反映问题未解决"
    assert service.reward_entry == entry
    service.problem.refresh_from_db()
    assert service.problem.status == ProblemStatus.OPEN


def test_an_already_solved_problem_stays_solved_and_is_still_rewarded(reported, city):
    from servicedesk.services.common import problem_solve

    clerk = staff_of(city)
    # as a verified fair record solves it (fair_solution_verify)
    problem_solve(
        problem=reported.problem,
        kind=SolutionKind.FAIR,
        actor=clerk,
        note="对接会解决",
        when=timezone.now(),
    )
    service = onsite_verify(service=_confirmed(reported), actor=clerk)
    service.problem.refresh_from_db()
    assert service.problem.solution_kind == SolutionKind.FAIR
    assert service.reward_entry.kind == RewardKind.ON_SITE
