"""Problems solved at matchmaking fairs (Art. 17): record, verify, reward once."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from knowledge.models import EventKind
from qa.models import ProblemStatus, SolutionKind
from servicedesk.services import (
    fair_solution_record,
    fair_solution_revoke,
    fair_solution_verify,
)
from stations.models import RewardEntry
from stations.models.rewards import RewardKind
from tests.factories.servicedesk import (
    CityStationFactory,
    past_fair,
    problem_at,
    reward_rules,
    staff_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    reward_rules()
    return CityStationFactory()


@pytest.fixture
def recorded(city, expert):
    return fair_solution_record(
        event=past_fair(),
        problem=problem_at(city),
        expert=expert,
        actor=staff_of(city),
        note="现场对接后确定工艺",
    )


def test_verification_solves_at_the_fair_with_one_1000_yuan_entry(recorded, city):
    solution = fair_solution_verify(solution=recorded, actor=staff_of(city))
    problem = solution.problem
    problem.refresh_from_db()
    assert (problem.status, problem.solution_kind) == (
        ProblemStatus.SOLVED,
        SolutionKind.FAIR,
    )
    entry = solution.reward_entry
    assert (entry.kind, entry.amount) == (RewardKind.FAIR, Decimal("1000.00"))
    assert entry.event_date == timezone.localdate(solution.event.start_at)
    with pytest.raises(ValidationError):
        fair_solution_verify(solution=solution, actor=staff_of(city))
    assert RewardEntry.objects.count() == 1


def test_a_fair_that_has_not_taken_place_cannot_be_verified(city, expert):
    solution = fair_solution_record(
        event=past_fair(days_ago=-5),
        problem=problem_at(city),
        expert=expert,
        actor=staff_of(city),
    )
    with pytest.raises(ValidationError):
        fair_solution_verify(solution=solution, actor=staff_of(city))
    assert not RewardEntry.objects.exists()


def test_only_fairs_verified_experts_and_the_clerks_station(
    city, expert, pending_expert
):
    clerk = staff_of(city)
    problem = problem_at(city)
    with pytest.raises(ValidationError):
        fair_solution_record(
            event=past_fair(kind=EventKind.DIAGNOSIS),
            problem=problem,
            expert=expert,
            actor=clerk,
        )
    with pytest.raises(ValidationError):
        fair_solution_record(
            event=past_fair(), problem=problem, expert=pending_expert, actor=clerk
        )
    with pytest.raises(PermissionDenied):
        fair_solution_record(
            event=past_fair(),
            problem=problem,
            expert=expert,
            actor=staff_of(CityStationFactory()),
        )


def test_the_same_solution_is_recorded_once(recorded, city):
    with pytest.raises(ValidationError):
        fair_solution_record(
            event=recorded.event,
            problem=recorded.problem,
            expert=recorded.expert,
            actor=staff_of(city),
        )


def test_a_clerk_of_another_station_cannot_verify(recorded):
    with pytest.raises(PermissionDenied):
        fair_solution_verify(solution=recorded, actor=staff_of(CityStationFactory()))
    assert not RewardEntry.objects.exists()


def test_revoking_reverses_the_entry_and_keeps_it(recorded, city):
    clerk = staff_of(city)
    solution = fair_solution_verify(solution=recorded, actor=clerk)
    fair_solution_revoke(
        solution=solution, actor=clerk, reason="核实后并非在对接会解决"
    )
    entry = RewardEntry.objects.get()
    assert entry.status == RewardEntry.Status.REVERSED
    solution.problem.refresh_from_db()
    assert solution.problem.status == ProblemStatus.OPEN
    with pytest.raises(ValidationError):
        fair_solution_revoke(solution=solution, actor=clerk, reason="再次")
