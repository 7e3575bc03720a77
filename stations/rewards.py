"""Reward amounts and eligibility (Art. 15–18, 21): amounts are data, not constants.

Ledger lines are written only here: recorded for an event, approved or rejected by
the director, marked paid once approved, reversed when the event is undone. Nothing
is ever deleted; each move keeps who and when.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.models import ExpertProfile, RewardEntry, RewardRule, User
from stations.models.rewards import RewardKind

Status = RewardEntry.Status


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


def _live(**lookup):
    """The ledger lines that still count: every status except reversed."""
    return RewardEntry.objects.filter(**lookup).exclude(status=Status.REVERSED)


def reward_entry_record(
    *,
    expert: ExpertProfile,
    kind: str,
    problem=None,
    year: int | None = None,
    event_date: datetime.date,
) -> RewardEntry:
    """Record one pending ledger line for a rewarded event, at most once.

    A problem-based event is keyed by (expert, kind, problem), the year-end reward
    by (expert, year). Recording the same event again returns the existing line:
    the database's unique constraints, not a prior read, guarantee "once" under
    concurrent requests. A reversed line does not count, so an event that happens
    again after a reversal is rewarded again.
    """
    if kind == RewardKind.EXCELLENT:
        if year is None:
            raise ValidationError(_("The year-end reward needs its year."))
        key = {"expert": expert, "kind": kind, "year": year}
    else:
        if problem is None:
            raise ValidationError(_("This reward needs the problem it rewards."))
        key = {"expert": expert, "kind": kind, "problem": problem}
    existing = _live(**key).first()
    if existing:
        return existing
    rule = reward_rule_in_force(kind=kind, on=event_date)
    entry = RewardEntry(**key, rule=rule, amount=rule.amount, event_date=event_date)
    entry.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            entry.save()
            return entry
    except IntegrityError:
        return _live(**key).get()


def _require(user: User, perm: str, message: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied(message)


def _move(
    entries: Iterable[RewardEntry], *, from_status: str, changes: dict
) -> list[RewardEntry]:
    """Apply one move to each line still in `from_status`; a stale line is refused.

    The update is conditional on the status, so two staff members clicking at the
    same time cannot both approve (or pay) one line.
    """
    moved = []
    for entry in entries:
        updated = RewardEntry.objects.filter(pk=entry.pk, status=from_status).update(
            **changes
        )
        if not updated:
            entry.refresh_from_db()
            raise ValidationError(
                _("“%(entry)s” is %(status)s and cannot be changed this way.")
                % {"entry": entry, "status": entry.get_status_display()},
                code="status",
            )
        entry.refresh_from_db()
        moved.append(entry)
    return moved


@transaction.atomic
def reward_entries_approve(
    *, entries: Iterable[RewardEntry], actor: User
) -> list[RewardEntry]:
    """The director approves pending lines; all or none of them move."""
    _require(
        actor,
        "stations.approve_rewardentry",
        _("Only the station director can approve rewards."),
    )
    return _move(
        entries,
        from_status=Status.PENDING,
        changes={
            "status": Status.APPROVED,
            "decided_by": actor,
            "decided_at": timezone.now(),
        },
    )


@transaction.atomic
def reward_entry_reject(*, entry: RewardEntry, actor: User, reason: str) -> RewardEntry:
    """The director rejects a pending line, giving the expert a reason."""
    _require(
        actor,
        "stations.approve_rewardentry",
        _("Only the station director can reject rewards."),
    )
    if not reason.strip():
        raise ValidationError(_("Please give a reason."), code="reason")
    return _move(
        [entry],
        from_status=Status.PENDING,
        changes={
            "status": Status.REJECTED,
            "rejection_reason": reason.strip(),
            "decided_by": actor,
            "decided_at": timezone.now(),
        },
    )[0]


@transaction.atomic
def reward_entries_mark_paid(
    *, entries: Iterable[RewardEntry], actor: User
) -> list[RewardEntry]:
    """Mark approved lines paid; a line not yet approved cannot be paid."""
    _require(
        actor,
        "stations.pay_rewardentry",
        _("You are not allowed to mark rewards paid."),
    )
    return _move(
        entries,
        from_status=Status.APPROVED,
        changes={"status": Status.PAID, "paid_by": actor, "paid_at": timezone.now()},
    )


@transaction.atomic
def reward_entry_reverse(
    *, entry: RewardEntry, actor: User | None, reason: str
) -> RewardEntry:
    """Undo a line whose event was undone; the line stays, marked reversed.

    A paid line is reversed too (the audit trail shows it was paid); recovering
    the money is an accounting matter outside the system.
    """
    if not reason.strip():
        raise ValidationError(_("Please give a reason."), code="reason")
    if entry.status in (Status.REVERSED, Status.REJECTED):
        raise ValidationError(
            _("“%(entry)s” is %(status)s and cannot be reversed.")
            % {"entry": entry, "status": entry.get_status_display()},
            code="status",
        )
    return _move(
        [entry],
        from_status=entry.status,
        changes={
            "status": Status.REVERSED,
            "reversal_reason": reason.strip(),
            "reversed_by": actor,
            "reversed_at": timezone.now(),
        },
    )[0]


@transaction.atomic
def reward_entries_reverse_for_problem(
    *, problem, actor: User | None, reason: str
) -> list[RewardEntry]:
    """Reverse every live line rewarding a problem (its solution was undone)."""
    entries = _live(problem=problem).exclude(status=Status.REJECTED)
    return [
        reward_entry_reverse(entry=entry, actor=actor, reason=reason)
        for entry in entries.select_for_update()
    ]
