"""Writes on problems: posting, editing, the clerk check and every status change.

Every status change goes through `problem_transition`, which checks the allowed
transition, records the timeline and keeps the search index in step;
`problem_change_status` adds who may ask for which move.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from modelsearch.tasks import insert_or_update_object_task

from qa.announcements import announce_problem_opened, announce_problem_returned
from qa.models import (
    Problem,
    ProblemEvent,
    ProblemStatus,
    ProblemUpdate,
    Urgency,
    Visibility,
    default_contact_channels,
)
from qa.tags import tags_checked, tags_resolve
from stations.models import Enterprise, User
from stations.rewards import reward_entries_reverse_for_problem
from stations.scoping import station_visible_to

S = ProblemStatus

#: The problem lifecycle: each status and the statuses it may move to.
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED, S.CLOSED},
    S.SUBMITTED: {S.OPEN, S.DRAFT, S.CLOSED},
    S.OPEN: {S.ANSWERED, S.SOLVED, S.REFERRED, S.CLOSED},
    S.ANSWERED: {S.SOLVED, S.REFERRED, S.CLOSED},
    S.REFERRED: {S.SOLVED, S.OPEN, S.CLOSED},
    S.SOLVED: {S.OPEN},
    S.CLOSED: {S.OPEN},
}
#: Moves that need a stated reason in the timeline (besides every closing).
REASON_REQUIRED = {
    (S.SOLVED, S.OPEN),
    (S.CLOSED, S.OPEN),
    (S.REFERRED, S.OPEN),
    (S.SUBMITTED, S.DRAFT),
    (S.OPEN, S.REFERRED),
    (S.ANSWERED, S.REFERRED),
}
#: Statuses nobody sets by hand: each follows from its record. "Answered" from
#: the first published answer; "solved" from an accepted answer or a verified
#: on-site service or fair record (which carry the reward); "referred" from a
#: referral to a service organisation.
RECORD_ONLY = {S.ANSWERED, S.SOLVED, S.REFERRED}
#: Moves the posting enterprise may make itself; staff may make any allowed move
#: to a status outside RECORD_ONLY.
OWNER_MOVES = {
    (S.DRAFT, S.SUBMITTED),
    (S.SUBMITTED, S.DRAFT),
    (S.DRAFT, S.CLOSED),
    (S.SUBMITTED, S.CLOSED),
    (S.OPEN, S.CLOSED),
    (S.ANSWERED, S.CLOSED),
    (S.SOLVED, S.OPEN),
    (S.CLOSED, S.OPEN),
}
#: Fields an enterprise may change while the problem is still editable.
EDITABLE_FIELDS = (
    "title",
    "description",
    "industry",
    "region",
    "urgency",
    "contact_channels",
    "visibility",
)


def _reindex(obj) -> None:
    """Queued like modelsearch's own post_save updates, which `.update()` skips."""
    insert_or_update_object_task.enqueue(
        obj._meta.app_label, obj._meta.model_name, str(obj.pk)
    )


def is_staff_for_problem(user: User, problem: Problem) -> bool:
    """Staff who screen answers check and close the problems of their own
    stations' enterprises; the provincial station's staff those of all."""
    return (
        user.is_authenticated
        and user.has_perm("qa.screen_answer")
        and station_visible_to(user, problem.enterprise.station)
    )


def problem_transition(
    *, problem: Problem, to_status: str, actor: User | None, note: str = "", **changes
) -> Problem:
    """Move a problem to another status if the lifecycle allows it; log who/when/why.

    The update is conditional on the status the caller saw, so two concurrent
    requests cannot both make the same move.
    """
    from_status = problem.status
    if to_status not in ALLOWED_TRANSITIONS[from_status]:
        raise ValidationError(
            _("A problem cannot go from “%(from)s” to “%(to)s”.")
            % {"from": S(from_status).label, "to": S(to_status).label},
            code="transition",
        )
    needs_reason = to_status == S.CLOSED or (from_status, to_status) in REASON_REQUIRED
    if needs_reason and not note.strip():
        raise ValidationError(_("Please give a reason."), code="reason")
    if from_status == S.SOLVED:
        # Reopened: the earlier solution no longer stands (its reward is reversed).
        changes = {
            "solution_kind": "",
            "solved_at": None,
            "accepted_answer": None,
            **changes,
        }
    with transaction.atomic():
        updated = Problem.objects.filter(pk=problem.pk, status=from_status).update(
            status=to_status, updated_at=timezone.now(), **changes
        )
        if not updated:
            raise ValidationError(
                _("The problem was changed by someone else; please reload."),
                code="stale",
            )
        ProblemEvent.objects.create(
            problem=problem,
            actor=actor,
            from_status=from_status,
            to_status=to_status,
            note=note.strip(),
        )
        if from_status == S.SOLVED:
            # A solution taken back is no longer a rewarded event (Art. 15–17).
            reward_entries_reverse_for_problem(
                problem=problem, actor=actor, reason=note.strip()
            )
        problem.refresh_from_db()
        _reindex(problem)
    return problem


def problem_moves_for(*, problem: Problem, user: User) -> list[str]:
    """The statuses this user may move the problem to by hand."""
    allowed = ALLOWED_TRANSITIONS[problem.status] - RECORD_ONLY
    if is_staff_for_problem(user, problem):
        return sorted(allowed)
    if user.is_authenticated and problem.enterprise.user_id == user.pk:
        return sorted(t for t in allowed if (problem.status, t) in OWNER_MOVES)
    return []


def problem_change_status(
    *, problem: Problem, user: User, to_status: str, note: str = ""
) -> Problem:
    """A person moves a problem: enterprises submit, withdraw, close and reopen
    their own; staff check, close and reopen any. Solutions and referrals come
    only from their records (see RECORD_ONLY)."""
    if to_status not in problem_moves_for(problem=problem, user=user):
        raise PermissionDenied(_("You cannot make this change to the problem."))
    if problem.status == S.SUBMITTED and to_status == S.OPEN:
        # Opening is the clerk check, with its announcement to experts.
        return problem_check(problem=problem, clerk=user, approve=True, note=note)
    return problem_transition(
        problem=problem, to_status=to_status, actor=user, note=note
    )


def problem_check(
    *, problem: Problem, clerk: User, approve: bool, note: str = ""
) -> Problem:
    """The clerk's quick check of a submitted problem: open it, or send it back
    to the enterprise as a draft with a reason."""
    if not is_staff_for_problem(clerk, problem):
        raise PermissionDenied(_("Only station staff can check problems."))
    if problem.status != S.SUBMITTED:
        raise ValidationError(
            _("Only submitted problems wait for a check."), code="checked"
        )
    problem = problem_transition(
        problem=problem,
        to_status=S.OPEN if approve else S.DRAFT,
        actor=clerk,
        note=note or (_("Checked by the station.") if approve else ""),
    )
    if approve:
        announce_problem_opened(problem=problem, actor=clerk)
    else:
        announce_problem_returned(problem=problem, actor=clerk, reason=note)
    return problem


#: the longest description accepted (a long report fits; a flood does not)
MAX_DESCRIPTION_LENGTH = 20_000


def _clean_fields(problem: Problem) -> None:
    problem.title = problem.title.strip()
    problem.description = problem.description.strip()
    if len(problem.description) > MAX_DESCRIPTION_LENGTH:
        raise ValidationError(
            {
                "description": _(
                    "The description is too long (at most %(n)d characters)."
                )
                % {"n": MAX_DESCRIPTION_LENGTH}
            },
            code="max_length",
        )
    problem.full_clean(exclude=["accepted_answer"])


@transaction.atomic
def problem_create(
    *,
    enterprise: Enterprise,
    title: str,
    description: str,
    industry: str,
    region: str,
    tags: list[str],
    urgency: str = Urgency.NORMAL,
    contact_channels: list[str] | None = None,
    visibility: str = Visibility.PUBLIC,
    submit: bool = True,
    clerk: User | None = None,
) -> Problem:
    """Post an enterprise's problem, as a draft or submitted for the clerk check.

    With `clerk`, the check happens at once (staff entering a problem taken by
    phone or at the desk, and the demo loader), so the problem opens.
    """
    tags = tags_checked(tags)
    problem = Problem(
        enterprise=enterprise,
        title=title,
        description=description,
        industry=industry,
        region=region,
        urgency=urgency,
        contact_channels=contact_channels or default_contact_channels(),
        visibility=visibility,
        status=S.SUBMITTED if submit else S.DRAFT,
    )
    _clean_fields(problem)
    problem.save()
    problem.tags.set(tags_resolve(tags))
    _reindex(problem)  # the save indexed it before its tags existed
    ProblemEvent.objects.create(
        problem=problem, actor=enterprise.user, to_status=problem.status
    )
    if submit and clerk is not None:
        problem = problem_check(problem=problem, clerk=clerk, approve=True)
    return problem


@transaction.atomic
def problem_edit(
    *, problem: Problem, user: User, tags: list[str] | None = None, **fields
) -> Problem:
    """The enterprise edits its problem, which is possible until it is answered."""
    if problem.enterprise.user_id != user.pk:
        raise PermissionDenied(_("Only the enterprise that posted it can edit."))
    problem = Problem.objects.select_for_update().get(pk=problem.pk)
    if not problem.is_editable:
        raise ValidationError(
            _("This problem has answers; add an update instead of editing."),
            code="not_editable",
        )
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if tags is not None:
        tags = tags_checked(tags)
    for name, value in fields.items():
        setattr(problem, name, value)
    _clean_fields(problem)
    problem.save()
    if tags is not None:
        problem.tags.set(tags_resolve(tags))
        _reindex(problem)
    ProblemEvent.objects.create(
        problem=problem,
        actor=user,
        from_status=problem.status,
        to_status=problem.status,
        note=_("Problem edited."),
    )
    return problem


@transaction.atomic
def problem_add_update(*, problem: Problem, user: User, text: str) -> ProblemUpdate:
    """After the first answer, the enterprise's changes are appended, so that
    answers keep matching the question they answered."""
    if problem.enterprise.user_id != user.pk:
        raise PermissionDenied(_("Only the enterprise that posted it can add updates."))
    if problem.is_editable or problem.status == S.CLOSED:
        raise ValidationError(
            _("Updates are added to answered problems only; edit the problem."),
            code="editable",
        )
    update = ProblemUpdate(problem=problem, author=user, text=text.strip())
    update.full_clean()
    update.save()
    Problem.objects.filter(pk=problem.pk).update(updated_at=timezone.now())
    return update
