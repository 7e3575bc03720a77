"""Checks shared by the service-desk writes."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from qa.models import Problem, ProblemStatus, SolutionKind
from qa.services.problems import problem_transition
from stations.models import Station, User
from stations.scoping import station_visible_to


def require_staff(*, user: User, perm: str, station: Station | None) -> None:
    """Staff with the role's permission, working at this station or above it."""
    if not user.is_authenticated or not user.has_perm(perm):
        raise PermissionDenied(_("You are not allowed to do this."))
    if not station_visible_to(user, station):
        raise PermissionDenied(_("This record belongs to another station."))


def problem_solve(
    *, problem: Problem, kind: str, actor: User, note: str, when
) -> Problem:
    """Mark the problem solved this way, unless it is already solved."""
    problem.refresh_from_db()
    if problem.status == ProblemStatus.SOLVED:
        return problem
    return problem_transition(
        problem=problem,
        to_status=ProblemStatus.SOLVED,
        actor=actor,
        note=note,
        solution_kind=kind,
        solved_at=when,
    )


def problem_unsolve(
    *, problem: Problem, kind: str, actor: User, reason: str, still_solved: bool
) -> None:
    """Reopen a problem whose only solution of this kind was revoked."""
    problem.refresh_from_db()
    if still_solved or problem.status != ProblemStatus.SOLVED:
        return
    if problem.solution_kind != kind or kind == SolutionKind.ONLINE:
        return
    problem_transition(
        problem=problem, to_status=ProblemStatus.OPEN, actor=actor, note=reason
    )
