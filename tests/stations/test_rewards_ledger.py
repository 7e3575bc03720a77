import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from stations import rewards
from stations.models import RewardEntry, RewardKind, RewardRule
from tests.factories.qa import ProblemFactory
from tests.factories.stations import ExpertFactory, RewardRuleFactory

D = datetime.date
Status = RewardEntry.Status


@pytest.fixture
def a_problem(enterprise):
    return ProblemFactory(enterprise=enterprise)


MARCH = D(2026, 3, 1)


def record(expert, problem, on=MARCH, kind=RewardKind.ONLINE):
    return rewards.reward_entry_record(
        expert=expert, kind=kind, problem=problem, event_date=on
    )


def test_rule_changed_mid_year_applies_by_event_date(db, expert, enterprise):
    RewardRuleFactory(
        amount="50.00", effective_from="2014-01-01", effective_to="2026-06-30"
    )
    RewardRuleFactory(amount="80.00", effective_from="2026-07-01")
    before = record(expert, ProblemFactory(enterprise=enterprise), D(2026, 6, 30))
    after = record(expert, ProblemFactory(enterprise=enterprise), D(2026, 7, 1))
    assert before.amount == Decimal("50.00")
    assert after.amount == Decimal("80.00")


def test_overlapping_rules_of_one_kind_are_refused(db):
    RewardRuleFactory(amount="50.00", effective_from="2014-01-01")
    clash = RewardRule(kind="online", amount="80.00", effective_from=D(2026, 7, 1))
    with pytest.raises(ValidationError, match="2014-01-01"):
        clash.full_clean()
    other_kind = RewardRule(kind="fair", amount="1000.00", effective_from=D(2026, 7, 1))
    other_kind.full_clean()


def test_ended_rule_leaves_room_for_the_next(db):
    RewardRuleFactory(
        amount="50.00", effective_from="2014-01-01", effective_to="2026-06-30"
    )
    RewardRule(kind="online", amount="80.00", effective_from=D(2026, 7, 1)).full_clean()
    with pytest.raises(ValidationError):
        RewardRule(
            kind="online", amount="80.00", effective_from=D(2026, 6, 30)
        ).full_clean()


def test_no_rule_in_force_refuses(db, expert, a_problem):
    RewardRuleFactory(effective_from="2026-01-01")
    with pytest.raises(rewards.NoRewardRule):
        record(expert, a_problem, D(2025, 12, 31))


def test_leap_day_event_uses_rule_in_force(db, expert, a_problem):
    RewardRuleFactory(
        amount="50.00", effective_from="2014-01-01", effective_to="2024-02-28"
    )
    RewardRuleFactory(amount="60.00", effective_from="2024-02-29")
    assert record(expert, a_problem, D(2024, 2, 29)).amount == Decimal("60.00")


def test_duplicate_event_records_one_line(online_rule, expert, a_problem):
    first = record(expert, a_problem)
    again = record(expert, a_problem)
    assert first.pk == again.pk
    assert RewardEntry.objects.count() == 1


def test_database_refuses_a_second_line_for_one_event(online_rule, expert, a_problem):
    entry = record(expert, a_problem)
    with pytest.raises(IntegrityError), transaction.atomic():
        RewardEntry.objects.create(
            expert=expert,
            kind="online",
            problem=a_problem,
            rule=entry.rule,
            amount=entry.amount,
            event_date=entry.event_date,
        )


def test_database_refuses_two_excellent_lines_for_one_year(rules, expert):
    entry = rewards.reward_entry_record(
        expert=expert, kind="excellent", year=2025, event_date=D(2025, 12, 31)
    )
    assert entry.amount == Decimal("5000.00")
    with pytest.raises(IntegrityError), transaction.atomic():
        RewardEntry.objects.create(
            expert=expert,
            kind="excellent",
            year=2025,
            rule=entry.rule,
            amount=entry.amount,
            event_date=entry.event_date,
        )
    other_year = rewards.reward_entry_record(
        expert=expert, kind="excellent", year=2026, event_date=D(2026, 12, 31)
    )
    assert other_year.pk != entry.pk


def test_director_approves_then_pays(online_rule, expert, a_problem, director):
    entry = record(expert, a_problem)
    with pytest.raises(ValidationError):
        rewards.reward_entries_mark_paid(entries=[entry], actor=director)
    [entry] = rewards.reward_entries_approve(entries=[entry], actor=director)
    assert entry.status == Status.APPROVED and entry.decided_by == director
    [entry] = rewards.reward_entries_mark_paid(entries=[entry], actor=director)
    assert entry.status == Status.PAID and entry.paid_at is not None
    with pytest.raises(ValidationError):
        rewards.reward_entries_approve(entries=[entry], actor=director)


def test_clerk_cannot_approve_or_pay(online_rule, expert, a_problem, clerk):
    entry = record(expert, a_problem)
    with pytest.raises(PermissionDenied):
        rewards.reward_entries_approve(entries=[entry], actor=clerk)
    with pytest.raises(PermissionDenied):
        rewards.reward_entries_mark_paid(entries=[entry], actor=clerk)
    entry.refresh_from_db()
    assert entry.status == Status.PENDING


def test_bulk_approval_is_all_or_nothing(online_rule, enterprise, director):
    expert = ExpertFactory()
    first = record(expert, ProblemFactory(enterprise=enterprise))
    second = record(expert, ProblemFactory(enterprise=enterprise))
    rewards.reward_entry_reject(entry=second, actor=director, reason="重复申报")
    with pytest.raises(ValidationError):
        rewards.reward_entries_approve(entries=[first, second], actor=director)
    first.refresh_from_db()
    assert first.status == Status.PENDING


def test_rejection_needs_a_reason(online_rule, expert, a_problem, director):
    entry = record(expert, a_problem)
    with pytest.raises(ValidationError):
        rewards.reward_entry_reject(entry=entry, actor=director, reason=" ")


def test_reversal_keeps_the_line_and_allows_a_new_reward(
    online_rule, expert, a_problem, director
):
    entry = record(expert, a_problem)
    rewards.reward_entries_approve(entries=[entry], actor=director)
    [reversed_entry] = rewards.reward_entries_reverse_for_problem(
        problem=a_problem, actor=director, reason="企业撤销采纳"
    )
    assert reversed_entry.status == Status.REVERSED
    assert reversed_entry.reversed_by == director
    assert reversed_entry.reversal_reason == "企业撤销采纳"
    with pytest.raises(ValidationError):
        rewards.reward_entry_reverse(entry=reversed_entry, actor=director, reason="x")
    solved_again = record(expert, a_problem)
    assert solved_again.pk != entry.pk
    assert RewardEntry.objects.filter(problem=a_problem).count() == 2


def test_reversal_needs_a_reason(online_rule, expert, a_problem):
    entry = record(expert, a_problem)
    with pytest.raises(ValidationError):
        rewards.reward_entry_reverse(entry=entry, actor=None, reason="")
