import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from qa import services
from qa.models import ProblemStatus, SolutionKind
from stations.models import RewardEntry
from tests.factories.stations import ExpertFactory, RewardRuleFactory


@pytest.fixture
def answer(problem, expert, clerk, online_rule):
    answer = services.answer_create(problem=problem, user=expert.user, text="方案")
    return services.answer_screen(
        answer=answer, user=clerk, approve=True, quality_score=4
    )


def accept(client, answer, satisfaction="5"):
    return client.post(
        reverse("qa:answer_accept", args=[answer.pk]), {"satisfaction": satisfaction}
    )


@pytest.mark.django_db
def test_accepting_solves_the_problem_and_records_50_yuan_once(client, answer):
    problem = answer.problem
    client.force_login(problem.enterprise.user)
    assert accept(client, answer).status_code == 302
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.SOLVED
    assert problem.solution_kind == SolutionKind.ONLINE
    assert problem.accepted_answer_id == answer.pk
    assert problem.satisfaction == 5
    entry = RewardEntry.objects.get()
    assert entry.expert == answer.user.expert_profile
    assert entry.amount == Decimal("50.00")
    assert entry.problem == problem
    accept(client, answer)
    assert RewardEntry.objects.count() == 1
    page = client.get(problem.get_absolute_url()).content.decode()
    assert "已解决" in page


@pytest.mark.django_db
def test_amount_comes_from_the_rule_in_force_on_the_day(answer, online_rule):
    online_rule.effective_to = datetime.date(2020, 12, 31)
    online_rule.save()
    RewardRuleFactory(amount="80.00", effective_from=datetime.date(2021, 1, 1))
    services.answer_accept(answer=answer, user=answer.problem.enterprise.user)
    assert RewardEntry.objects.get().amount == Decimal("80.00")


@pytest.mark.django_db
def test_only_the_posting_enterprise_can_accept(client, answer, enterprise):
    other = type(enterprise).objects.exclude(pk=answer.problem.enterprise_id)
    intruder = ExpertFactory().user
    for user in [intruder, *[e.user for e in other]]:
        client.force_login(user)
        assert accept(client, answer).status_code == 403
    answer.problem.refresh_from_db()
    assert answer.problem.status == ProblemStatus.ANSWERED
    assert not RewardEntry.objects.exists()


@pytest.mark.django_db
def test_a_second_answer_cannot_replace_the_accepted_one(answer, clerk):
    problem = answer.problem
    second_expert = ExpertFactory()
    second = services.answer_create(
        problem=problem, user=second_expert.user, text="另一种方案"
    )
    services.answer_screen(answer=second, user=clerk, approve=True, quality_score=3)
    services.answer_accept(answer=answer, user=problem.enterprise.user)
    with pytest.raises(Exception, match="已有"):
        services.answer_accept(answer=second, user=problem.enterprise.user)
    assert RewardEntry.objects.count() == 1


@pytest.mark.django_db
def test_unscreened_answer_cannot_be_accepted(problem, expert, online_rule):
    pending = services.answer_create(problem=problem, user=expert.user, text="待审核")
    with pytest.raises(Exception):  # noqa: B017
        services.answer_accept(answer=pending, user=problem.enterprise.user)
    assert not RewardEntry.objects.exists()


@pytest.mark.django_db
def test_reopening_a_solved_problem_reverses_its_reward(answer):
    problem = answer.problem
    enterprise_user = problem.enterprise.user
    services.answer_accept(answer=answer, user=enterprise_user)
    problem.refresh_from_db()
    services.problem_transition(
        problem=problem,
        to_status=ProblemStatus.OPEN,
        actor=enterprise_user,
        note="方案在冬季工况下失效",
    )
    problem.refresh_from_db()
    assert problem.accepted_answer is None and not problem.solution_kind
    entry = RewardEntry.objects.get()
    assert entry.status == RewardEntry.Status.REVERSED
    assert entry.reversal_reason == "方案在冬季工况下失效"
    assert entry.reversed_by == enterprise_user
