import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from stations import excellent, rewards
from stations.models import ExcellentExpertList, RewardEntry, RewardRule
from tests.factories.stations import ExpertFactory
from tests.stations.conftest import at

YEAR = 2025


@pytest.fixture
def weights(settings):
    settings.XUNJIE_EXCELLENT_WEIGHTS = {
        "approved_answers": 1,
        "average_quality": 0,
        "solved_online": 0,
        "solved_on_site": 0,
        "solved_fair": 0,
        "average_satisfaction": 0,
    }
    return settings


def test_score_components_and_formula(db, rules, expert, post, answer, accept):
    problem = post(at(YEAR, 5, 1, 9))
    reply = answer(
        problem, expert, at(YEAR, 5, 1, 12), screened=at(YEAR, 5, 1, 13), score=4
    )
    accept(reply, at(YEAR, 5, 3, 9), satisfaction=5)
    [row] = excellent.excellent_ranking(year=YEAR)
    assert row["components"] == {
        "approved_answers": 1,
        "average_quality": 4.0,
        "solved_online": 1,
        "solved_on_site": 0,
        "solved_fair": 0,
        "average_satisfaction": 5.0,
    }
    # 1×1 + 2×4 + 3×1 + 1×5 with the default weights
    assert row["score"] == 17.0
    assert excellent.excellent_ranking(year=YEAR + 1) == []


def test_expert_without_answers_is_no_candidate(db, rules, expert, post, answer):
    silent = ExpertFactory()
    problem = post(at(YEAR, 5, 1, 9))
    answer(problem, expert, at(YEAR, 5, 1, 12), screened=at(YEAR, 5, 1, 13))
    ids = [row["expert_id"] for row in excellent.excellent_ranking(year=YEAR)]
    assert ids == [expert.pk]
    assert silent.pk not in ids


def test_reversed_solution_does_not_count(db, rules, expert, post, answer, accept):
    problem = post(at(YEAR, 5, 1, 9))
    reply = answer(problem, expert, at(YEAR, 5, 1, 12), screened=at(YEAR, 5, 1, 13))
    accept(reply, at(YEAR, 5, 3, 9))
    rewards.reward_entries_reverse_for_problem(
        problem=problem, actor=None, reason="重新打开"
    )
    [row] = excellent.excellent_ranking(year=YEAR)
    assert row["components"]["solved_online"] == 0


def test_ties_at_rank_20_broken_by_stated_rule(db, weights, post, answer):
    """21 experts with one approved answer each: equal scores and solved counts;
    higher quality first, then the earlier first answer, then the lower id."""
    problem = post(at(YEAR, 1, 2, 9))
    experts = [ExpertFactory() for _ in range(21)]
    for number, expert in enumerate(experts):
        answer(
            problem,
            expert,
            at(YEAR, 3, 1, 9) + datetime.timedelta(hours=number),
            screened=at(YEAR, 3, 5, 9),
            score=3,
        )
    # the last expert scored better quality: but quality weight is zero, so the
    # score ties and the tie-break on quality lifts him to the top
    from qa.models import Answer

    Answer.objects.filter(user=experts[-1].user).update(quality_score=5)
    ranking = excellent.excellent_ranking(year=YEAR)
    assert [r["score"] for r in ranking] == [1.0] * 21
    assert ranking[0]["expert_id"] == experts[-1].pk
    assert [r["expert_id"] for r in ranking[1:]] == [e.pk for e in experts[:-1]]
    assert [r["selected"] for r in ranking] == [True] * 20 + [False]
    assert ranking[20]["expert_id"] == experts[-2].pk


def test_exclusion_moves_the_next_up_and_approval_pays_5000(
    db, weights, rules, director, post, answer, monkeypatch
):
    problem = post(at(YEAR, 1, 2, 9))
    experts = [ExpertFactory() for _ in range(21)]
    for number, expert in enumerate(experts):
        answer(
            problem,
            expert,
            at(YEAR, 3, 1, 9) + datetime.timedelta(hours=number),
            screened=at(YEAR, 3, 5, 9),
        )
    with pytest.raises(ValidationError):
        excellent.excellent_exclude(
            year=YEAR, expert=experts[0], actor=director, reason=""
        )
    excellent.excellent_exclude(
        year=YEAR, expert=experts[0], actor=director, reason="本年度存在违规收费投诉"
    )
    ranking = excellent.excellent_ranking(year=YEAR)
    assert ranking[0]["excluded"] and not ranking[0]["selected"]
    assert ranking[20]["selected"]
    RewardRule.objects.filter(kind="excellent").update(effective_to=f"{YEAR}-06-30")
    RewardRule.objects.create(
        kind="excellent", amount="6000.00", effective_from=f"{YEAR}-07-01"
    )
    approved = excellent.excellent_list_approve(year=YEAR, actor=director)
    members = list(approved.members.order_by("rank"))
    assert len(members) == 20
    assert members[0].expert == experts[1] and members[-1].expert == experts[20]
    entries = RewardEntry.objects.filter(kind="excellent", year=YEAR)
    assert entries.count() == 20
    # the rule in force on 31 December of the year
    assert {e.amount for e in entries} == {Decimal("6000.00")}
    assert {e.event_date for e in entries} == {datetime.date(YEAR, 12, 31)}
    with pytest.raises(ValidationError):
        excellent.excellent_list_approve(year=YEAR, actor=director)
    with pytest.raises(ValidationError):
        excellent.excellent_exclude(
            year=YEAR, expert=experts[5], actor=director, reason="太晚"
        )


def test_only_the_director_decides(db, clerk, expert):
    with pytest.raises(PermissionDenied):
        excellent.excellent_list_approve(year=YEAR, actor=clerk)
    with pytest.raises(PermissionDenied):
        excellent.excellent_exclude(year=YEAR, expert=expert, actor=clerk, reason="x")
    assert not ExcellentExpertList.objects.exists()


def test_approval_waits_for_december(db, director):
    year = timezone.localdate().year + 1
    with pytest.raises(ValidationError):
        excellent.excellent_list_approve(year=year, actor=director)


def test_command_prints_ranking_as_text_and_json(db, expert, post, answer):
    problem = post(at(YEAR, 5, 1, 9))
    answer(problem, expert, at(YEAR, 5, 1, 12), screened=at(YEAR, 5, 1, 13))
    out = StringIO()
    call_command("excellent_experts", year=YEAR, format="json", stdout=out)
    [row] = json.loads(out.getvalue())
    assert row["expert_id"] == expert.pk and row["rank"] == 1
    out = StringIO()
    call_command("excellent_experts", year=YEAR, stdout=out)
    assert expert.real_name in out.getvalue()


def test_approval_without_a_rule_in_force_is_refused_and_keeps_nothing(
    db, rules, director, expert, post, answer
):
    problem = post(at(YEAR, 5, 1, 9))
    answer(problem, expert, at(YEAR, 5, 1, 12), screened=at(YEAR, 5, 1, 13))
    RewardRule.objects.filter(kind="excellent").delete()
    with pytest.raises(ValidationError):
        excellent.excellent_list_approve(year=YEAR, actor=director)
    assert not ExcellentExpertList.objects.exists()
    assert not RewardEntry.objects.filter(kind="excellent").exists()
