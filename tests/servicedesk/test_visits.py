"""The visitor log: recording at one's own station, and a visit becoming a problem."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qa.models import Problem, ProblemStatus
from servicedesk.services import visit_create, visit_to_problem
from tests.factories.servicedesk import CityStationFactory, VisitFactory, staff_of

pytestmark = pytest.mark.django_db


def test_a_visit_becomes_an_open_problem_of_its_enterprise_in_one_step():
    visit = VisitFactory()
    enterprise = visit.enterprise
    problem = visit_to_problem(visit=visit, actor=visit.handled_by)
    assert problem.enterprise == enterprise
    assert problem.title == visit.topic
    assert problem.description == visit.question
    assert problem.status == ProblemStatus.OPEN
    visit.refresh_from_db()
    assert visit.problem == problem


def test_a_visit_without_an_enterprise_cannot_become_a_problem():
    visit = VisitFactory(enterprise=None)
    with pytest.raises(ValidationError) as error:
        visit_to_problem(visit=visit, actor=visit.handled_by)
    assert error.value.code == "no_enterprise"
    assert not Problem.objects.exists()


def test_a_visit_becomes_a_problem_only_once():
    visit = VisitFactory()
    visit_to_problem(visit=visit, actor=visit.handled_by)
    with pytest.raises(ValidationError):
        visit_to_problem(visit=visit, actor=visit.handled_by)
    assert Problem.objects.count() == 1


def test_a_clerk_of_another_station_cannot_turn_a_visit_into_a_problem():
    visit = VisitFactory()
    other = staff_of(CityStationFactory())
    with pytest.raises(PermissionDenied):
        visit_to_problem(visit=visit, actor=other)
    assert not Problem.objects.exists()


def test_a_clerk_records_visits_at_his_own_station_only():
    mine, theirs = CityStationFactory(), CityStationFactory()
    clerk = staff_of(mine)
    fields = {
        "visitor_name": "李女士",
        "organisation": "某公司",
        "contact": "0431-1234567",
        "topic": "申报高企",
        "question": "高新技术企业认定条件？",
        "is_policy_question": True,
    }
    visit = visit_create(station=mine, handled_by=clerk, **fields)
    assert visit.station == mine
    with pytest.raises(PermissionDenied):
        visit_create(station=theirs, handled_by=clerk, **fields)
