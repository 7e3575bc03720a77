"""Builders for the statistics and reward tests: events through the qa services,
then dated back to the moment the test needs (as the demo loader does)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from qa import services
from qa.models import Answer, Problem, ProblemStatus
from stations.models import RewardEntry
from tests.factories.qa import ProblemFactory
from tests.factories.stations import DirectorFactory, RewardRuleFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(*args) -> datetime.datetime:
    """A moment in Asia/Shanghai: at(2026, 1, 31, 23, 30)."""
    return datetime.datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def director(db):
    return DirectorFactory()


@pytest.fixture
def rules(db):
    return {
        kind: RewardRuleFactory(kind=kind, amount=amount)
        for kind, amount in [
            ("online", "50.00"),
            ("on_site", "2000.00"),
            ("fair", "1000.00"),
            ("excellent", "5000.00"),
        ]
    }


@pytest.fixture
def post(clerk, enterprise):
    def _post(when: datetime.datetime) -> Problem:
        problem = ProblemFactory(enterprise=enterprise)
        if problem.status == ProblemStatus.SUBMITTED:
            problem = services.problem_check(problem=problem, clerk=clerk, approve=True)
        Problem.objects.filter(pk=problem.pk).update(created_at=when)
        problem.refresh_from_db()
        return problem

    return _post


@pytest.fixture
def answer(clerk):
    def _answer(
        problem: Problem,
        expert,
        when: datetime.datetime,
        *,
        screened: datetime.datetime | None = None,
        approve: bool = True,
        score: int = 4,
    ) -> Answer:
        problem.refresh_from_db()
        reply = services.answer_create(
            problem=problem, user=expert.user, text="建议改用两级厌氧工艺。"
        )
        if screened:
            services.answer_screen(
                answer=reply,
                user=clerk,
                approve=approve,
                quality_score=score if approve else None,
                reason="" if approve else "内容与问题无关",
            )
            Answer.objects.filter(pk=reply.pk).update(screened_at=screened)
        Answer.objects.filter(pk=reply.pk).update(submit_date=when)
        reply.refresh_from_db()
        return reply

    return _answer


@pytest.fixture
def accept(enterprise):
    def _accept(reply: Answer, when: datetime.datetime, satisfaction: int = 5):
        problem = services.answer_accept(
            answer=reply, user=enterprise.user, satisfaction=satisfaction
        )
        Problem.objects.filter(pk=problem.pk).update(solved_at=when)
        RewardEntry.objects.filter(problem=problem).update(
            event_date=when.astimezone(SHANGHAI).date()
        )
        problem.refresh_from_db()
        return problem

    return _accept


@pytest.fixture
def network(db, director):
    """The provincial station (with the `director`), Jilin City's station with a
    county station below it, and Siping's station; a clerk at each city."""
    from types import SimpleNamespace

    from django.contrib.auth.models import Group

    from stations import roles
    from tests.factories.stations import (
        StationFactory,
        UserFactory,
        join_as_clerk,
        provincial_station,
    )

    clerks = Group.objects.get(name=roles.CLERK)
    jilin = StationFactory(name="吉林市服务站", region="jilin")
    county = StationFactory(
        name="永吉县服务站", level="county", parent=jilin, region="jilin"
    )
    siping = StationFactory(name="四平市服务站", region="siping")
    return SimpleNamespace(
        province=provincial_station(),
        jilin=jilin,
        county=county,
        siping=siping,
        director=director,
        jilin_clerk=join_as_clerk(UserFactory(groups=[clerks]), jilin),
        siping_clerk=join_as_clerk(UserFactory(groups=[clerks]), siping),
    )
