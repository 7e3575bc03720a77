"""Referring problems to service organisations and recording the outcome."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qa.models import Problem, ProblemStatus
from qa.services.problems import problem_transition
from servicedesk.models import Referral, ReferralEvent, ReferralStatus
from servicedesk.models import ServiceOrganisation as Organisation
from servicedesk.services.common import require_staff
from stations.models import User

R = ReferralStatus

#: A referral's lifecycle; solved and declined are final.
REFERRAL_MOVES: dict[str, set[str]] = {
    R.SENT: {R.ACCEPTED, R.DECLINED},
    R.ACCEPTED: {R.SOLVED, R.DECLINED},
    R.SOLVED: set(),
    R.DECLINED: set(),
}


def _station(problem: Problem):
    return problem.enterprise.station


@transaction.atomic
def referral_create(
    *, problem: Problem, organisation: Organisation, actor: User, note: str
) -> Referral:
    """Refer a problem to an organisation; the problem becomes “referred”."""
    require_staff(
        user=actor, perm="servicedesk.add_referral", station=_station(problem)
    )
    if not organisation.active:
        raise ValidationError(
            _("This organisation is no longer active."), code="inactive"
        )
    if not note.strip():
        raise ValidationError(_("Please give a reason."), code="reason")
    referral = Referral(
        problem=problem, organisation=organisation, note=note.strip(), created_by=actor
    )
    referral.full_clean()
    problem_transition(
        problem=problem,
        to_status=ProblemStatus.REFERRED,
        actor=actor,
        note=_("Referred to %(organisation)s: %(note)s")
        % {"organisation": organisation.name, "note": note.strip()},
    )
    referral.save()
    ReferralEvent.objects.create(
        referral=referral, to_status=R.SENT, actor=actor, note=note.strip()
    )
    return referral


@transaction.atomic
def referral_move(
    *, referral: Referral, to_status: str, actor: User, note: str = ""
) -> Referral:
    """Record the organisation's answer: accepted, then solved or declined.

    Solved closes the problem with the outcome in its timeline; declined sends
    it back to the open problems so that it can be referred elsewhere.
    """
    require_staff(
        user=actor,
        perm="servicedesk.change_referral",
        station=_station(referral.problem),
    )
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    from_status = referral.status
    if to_status not in REFERRAL_MOVES[from_status]:
        raise ValidationError(
            _("A referral cannot go from “%(from)s” to “%(to)s”.")
            % {"from": R(from_status).label, "to": R(to_status).label},
            code="transition",
        )
    note = note.strip()
    if to_status in (R.SOLVED, R.DECLINED) and not note:
        raise ValidationError(_("Please give a reason."), code="reason")
    problem = referral.problem
    name = referral.organisation.name
    if to_status == R.SOLVED:
        problem_transition(
            problem=problem,
            to_status=ProblemStatus.CLOSED,
            actor=actor,
            note=_("Solved by %(organisation)s: %(note)s")
            % {"organisation": name, "note": note},
        )
    elif to_status == R.DECLINED and problem.status == ProblemStatus.REFERRED:
        problem_transition(
            problem=problem,
            to_status=ProblemStatus.OPEN,
            actor=actor,
            note=_("Declined by %(organisation)s: %(note)s")
            % {"organisation": name, "note": note},
        )
    referral.status = to_status
    referral.save(update_fields=["status", "updated_at"])
    ReferralEvent.objects.create(
        referral=referral,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        note=note,
    )
    return referral
