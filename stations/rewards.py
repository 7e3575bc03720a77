"""Reward amounts and eligibility (Art. 15–18, 21): amounts are data, not constants."""

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from stations.models import ExpertProfile, RewardEntry, RewardRule
from stations.models.rewards import RewardKind


class NoRewardRule(Exception):
    """No reward rule of the kind is in force on the event's date."""


def reward_rule_in_force(*, kind: str, on: datetime.date) -> RewardRule:
    """The rule of this kind whose period contains the day of the event."""
    rule = (
        RewardRule.objects.filter(kind=kind, effective_from__lte=on)
        .exclude(effective_to__lt=on)
        .order_by("-effective_from")
        .first()
    )
    if rule is None:
        raise NoRewardRule(
            _("No reward rule for “%(kind)s” is in force on %(date)s.")
            % {"kind": RewardKind(kind).label, "date": on.isoformat()}
        )
    return rule


def reward_entry_record(
    *, expert: ExpertProfile, kind: str, problem, event_date: datetime.date
) -> RewardEntry:
    """Record one pending ledger line for a rewarded event, at most once.

    Recording the same event again returns the existing line: the database's unique
    constraint, not a prior read, is what guarantees "once" under concurrent requests.
    """
    existing = RewardEntry.objects.filter(
        expert=expert, kind=kind, problem=problem
    ).first()
    if existing:
        return existing
    rule = reward_rule_in_force(kind=kind, on=event_date)
    try:
        with transaction.atomic():
            return RewardEntry.objects.create(
                expert=expert,
                kind=kind,
                problem=problem,
                rule=rule,
                amount=rule.amount,
                event_date=event_date,
            )
    except IntegrityError:
        return RewardEntry.objects.get(expert=expert, kind=kind, problem=problem)
