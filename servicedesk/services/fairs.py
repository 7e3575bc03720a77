"""Problems solved at matchmaking fairs (Art. 17): recorded, verified, rewarded."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knowledge.models import EventKind, EventPage
from qa.models import Problem, ProblemStatus, SolutionKind
from servicedesk.models import FairSolution
from servicedesk.services.common import problem_solve, problem_unsolve, require_staff
from stations.models import ExpertProfile, User
from stations.models.rewards import RewardKind
from stations.rewards import NoRewardRule, reward_entry_record, reward_entry_reverse

Status = FairSolution.Status


@transaction.atomic
def fair_solution_record(
    *,
    event: EventPage,
    problem: Problem,
    expert: ExpertProfile,
    actor: User,
    note: str = "",
) -> FairSolution:
    """Staff record that an expert solved a problem at a matchmaking fair."""
    require_staff(
        user=actor,
        perm="servicedesk.add_fairsolution",
        station=problem.enterprise.station,
    )
    if event.kind != EventKind.MATCHMAKING_FAIR:
        raise ValidationError(
            _("This event is not a matchmaking fair."), code="not_fair"
        )
    if expert.status != ExpertProfile.Status.VERIFIED:
        raise ValidationError(
            _("The expert is not (or no longer) a verified expert."), code="expert"
        )
    if problem.status in (ProblemStatus.DRAFT, ProblemStatus.SUBMITTED):
        raise ValidationError(
            _("This problem has not been published yet."), code="status"
        )
    solution = FairSolution(
        event=event,
        problem=problem,
        expert=expert,
        note=note.strip(),
        recorded_by=actor,
    )
    solution.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            solution.save()
    except IntegrityError as error:
        raise ValidationError(
            _("This solution is already recorded for this fair."), code="duplicate"
        ) from error
    return solution


@transaction.atomic
def fair_solution_verify(*, solution: FairSolution, actor: User) -> FairSolution:
    """Verify a recorded solution once the fair has taken place: the problem is
    solved at the fair and the expert rewarded once, at the rule of its date."""
    problem = solution.problem
    require_staff(
        user=actor,
        perm="servicedesk.change_fairsolution",
        station=problem.enterprise.station,
    )
    event = solution.event
    if event.start_at > timezone.now():
        raise ValidationError(_("The fair has not taken place yet."), code="future")
    now = timezone.now()
    updated = FairSolution.objects.filter(
        pk=solution.pk, status=Status.RECORDED
    ).update(status=Status.VERIFIED, verified_by=actor, verified_at=now)
    if not updated:
        solution.refresh_from_db()
        raise ValidationError(
            _("Only recorded solutions can be verified; this one is “%(status)s”.")
            % {"status": solution.get_status_display()},
            code="status",
        )
    event_date = timezone.localdate(event.start_at)
    problem_solve(
        problem=problem,
        kind=SolutionKind.FAIR,
        actor=actor,
        note=_("Solved at “%(event)s” by %(expert)s.")
        % {"event": event.title, "expert": solution.expert.real_name},
        when=now,
    )
    try:
        entry = reward_entry_record(
            expert=solution.expert,
            kind=RewardKind.FAIR,
            problem=problem,
            event_date=event_date,
        )
    except NoRewardRule as error:
        raise ValidationError(str(error), code="rule") from error
    if FairSolution.objects.filter(reward_entry=entry).exists():
        raise ValidationError(
            _(
                "This expert has already been rewarded for solving this problem "
                "at a fair."
            ),
            code="rewarded",
        )
    FairSolution.objects.filter(pk=solution.pk).update(reward_entry=entry)
    solution.refresh_from_db()
    return solution


@transaction.atomic
def fair_solution_revoke(
    *, solution: FairSolution, actor: User, reason: str
) -> FairSolution:
    """Take back a verified fair solution: its reward is reversed and, if nothing
    else solved it at a fair, the problem reopened."""
    problem = solution.problem
    require_staff(
        user=actor,
        perm="servicedesk.change_fairsolution",
        station=problem.enterprise.station,
    )
    if not reason.strip():
        raise ValidationError(_("Please give a reason."), code="reason")
    updated = FairSolution.objects.filter(
        pk=solution.pk, status=Status.VERIFIED
    ).update(status=Status.REVOKED, revocation_reason=reason.strip())
    if not updated:
        raise ValidationError(
            _("Only verified solutions can be revoked."), code="status"
        )
    solution.refresh_from_db()
    entry = solution.reward_entry
    if entry is not None and entry.status not in (
        entry.Status.REVERSED,
        entry.Status.REJECTED,
    ):
        reward_entry_reverse(entry=entry, actor=actor, reason=reason)
    problem_unsolve(
        problem=problem,
        kind=SolutionKind.FAIR,
        actor=actor,
        reason=reason,
        still_solved=problem.fair_solutions.filter(status=Status.VERIFIED).exists(),
    )
    return solution
