"""The problem timeline names each actor as the public should see them."""

import pytest
from django.utils import translation

from qa.models import ProblemEvent, ProblemStatus
from qa.selectors import problem_timeline
from tests.factories.stations import UserFactory

S = ProblemStatus


@pytest.mark.django_db
def test_each_actor_appears_as_the_public_sees_them(problem, clerk, expert):
    admin = UserFactory(is_superuser=True)
    former_clerk = UserFactory(is_active=False)
    former_clerk.groups.set(clerk.groups.all())
    plain = UserFactory()
    problem.events.all().delete()
    for actor in (
        None,
        problem.enterprise.user,
        clerk,
        admin,
        former_clerk,
        expert.user,
        plain,
    ):
        ProblemEvent.objects.create(
            problem=problem, actor=actor, from_status=S.OPEN, to_status=S.OPEN
        )
    with translation.override("en"):
        names = [line["who"] for line in problem_timeline(problem=problem)]
    assert names == [
        "The system",
        problem.enterprise.name,
        "The station",
        "The station",
        former_clerk.username,  # no longer acts for the station
        expert.real_name,
        plain.username,
    ]


@pytest.mark.django_db
def test_the_timeline_asks_once_who_acts_for_the_station(
    problem, clerk, django_assert_num_queries
):
    for _ in range(3):
        ProblemEvent.objects.create(
            problem=problem, actor=clerk, from_status=S.OPEN, to_status=S.OPEN
        )
    problem.enterprise  # noqa: B018 - loaded with the page's problem
    with django_assert_num_queries(2):  # the events, then the station's people
        problem_timeline(problem=problem)
