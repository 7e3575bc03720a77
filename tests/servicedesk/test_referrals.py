"""Referrals move the problem through the one lifecycle and keep their history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qa.models import ProblemStatus
from servicedesk.models import ReferralStatus
from servicedesk.services import referral_create, referral_move
from tests.factories.servicedesk import (
    CityStationFactory,
    ServiceOrganisationFactory,
    problem_at,
    staff_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return CityStationFactory()


@pytest.fixture
def referral(city):
    problem = problem_at(city)
    return referral_create(
        problem=problem,
        organisation=ServiceOrganisationFactory(),
        actor=staff_of(city),
        note="需要检测设备",
    )


def test_referring_moves_the_problem_to_referred_with_the_note(referral):
    problem = referral.problem
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.REFERRED
    last = problem.events.last()
    assert referral.organisation.name in last.note
    assert "需要检测设备" in last.note
    assert [e.to_status for e in referral.events.all()] == [ReferralStatus.SENT]


def test_solved_closes_the_problem_with_the_outcome(referral, city):
    clerk = staff_of(city)
    referral_move(referral=referral, to_status="accepted", actor=clerk)
    referral_move(
        referral=referral, to_status="solved", actor=clerk, note="检测后调整配方解决"
    )
    problem = referral.problem
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.CLOSED
    assert "检测后调整配方解决" in problem.events.last().note
    history = list(referral.events.values_list("from_status", "to_status", "actor"))
    assert history[1:] == [
        ("sent", "accepted", clerk.pk),
        ("accepted", "solved", clerk.pk),
    ]


def test_declined_returns_the_problem_to_open_and_allows_referring_elsewhere(
    referral, city
):
    clerk = staff_of(city)
    referral_move(
        referral=referral, to_status="declined", actor=clerk, note="不在服务范围"
    )
    problem = referral.problem
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.OPEN
    again = referral_create(
        problem=problem,
        organisation=ServiceOrganisationFactory(),
        actor=clerk,
        note="转另一家",
    )
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.REFERRED
    assert again.status == ReferralStatus.SENT


@pytest.mark.parametrize(
    ("path", "move"),
    [
        ([], "solved"),  # sent → solved skips acceptance
        (["declined"], "accepted"),  # final
        (["accepted", "solved"], "declined"),  # final
    ],
)
def test_illegal_moves_are_refused(referral, city, path, move):
    clerk = staff_of(city)
    for step in path:
        referral_move(referral=referral, to_status=step, actor=clerk, note="备注")
    with pytest.raises(ValidationError):
        referral_move(referral=referral, to_status=move, actor=clerk, note="备注")


def test_solved_and_declined_need_a_note(referral, city):
    clerk = staff_of(city)
    with pytest.raises(ValidationError):
        referral_move(referral=referral, to_status="declined", actor=clerk)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_a_referred_problem_cannot_be_referred_twice(referral, city):
    with pytest.raises(ValidationError):
        referral_create(
            problem=referral.problem,
            organisation=ServiceOrganisationFactory(),
            actor=staff_of(city),
            note="再转",
        )
    assert referral.problem.referrals.count() == 1


def test_an_inactive_organisation_receives_no_referrals(city):
    with pytest.raises(ValidationError):
        referral_create(
            problem=problem_at(city),
            organisation=ServiceOrganisationFactory(active=False),
            actor=staff_of(city),
            note="转介",
        )


def test_a_clerk_of_another_station_cannot_refer_or_move(referral, city):
    other = staff_of(CityStationFactory())
    with pytest.raises(PermissionDenied):
        referral_move(referral=referral, to_status="accepted", actor=other)
    with pytest.raises(PermissionDenied):
        referral_create(
            problem=problem_at(city),
            organisation=ServiceOrganisationFactory(),
            actor=other,
            note="转介",
        )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
