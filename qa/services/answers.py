"""Writes on answers and their threads: posting, screening, accepting."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_comments.abstracts import COMMENT_MAX_LENGTH

from qa.announcements import (
    announce_accepted,
    announce_published,
    announce_screening,
)
from qa.models import (
    Answer,
    Problem,
    ProblemStatus,
    ScreeningStatus,
    SolutionKind,
)
from qa.services.problems import _reindex, is_staff_for_problem, problem_transition
from stations.models import User
from stations.models.rewards import RewardKind
from stations.rewards import reward_entry_record

S = ProblemStatus


def _new_comment(*, problem: Problem, user: User, text: str, parent=None) -> Answer:
    text = text.strip()
    if not text:
        raise ValidationError(_("The text cannot be empty."), code="empty")
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            _("The text is too long (at most %(max)d characters).")
            % {"max": COMMENT_MAX_LENGTH},
            code="too_long",
        )
    expert = user.expert_or_none
    return Answer(
        content_type=ContentType.objects.get_for_model(Problem),
        object_pk=str(problem.pk),
        site_id=settings.SITE_ID,
        user=user,
        user_name=expert.real_name if expert else user.get_full_name() or user.username,
        user_email=user.email,
        comment=text,
        submit_date=timezone.now(),
        parent_id=parent.pk if parent else 0,
        is_public=False,
    )


@transaction.atomic
def answer_create(*, problem: Problem, user: User, text: str) -> Answer:
    """A verified expert answers an open problem; hidden until screened (Art. 14)."""
    if not user.is_verified_expert:
        raise PermissionDenied(_("Only verified experts can answer problems."))
    if problem.status not in (S.OPEN, S.ANSWERED):
        raise ValidationError(
            _("This problem is not taking answers."), code="not_answerable"
        )
    answer = _new_comment(problem=problem, user=user, text=text)
    answer.save()
    return answer


def can_reply(*, parent: Answer, user: User) -> bool:
    """The problem's enterprise and the experts who answered it may follow up."""
    if not user.is_authenticated:
        return False
    problem = parent.problem
    if problem.enterprise.user_id == user.pk:
        return True
    return user.is_verified_expert and (
        Answer.for_problem(problem).filter(user=user, level=0).exists()
    )


@transaction.atomic
def reply_create(*, parent: Answer, user: User, text: str) -> Answer:
    """A follow-up in an answer's thread; experts' replies are screened too."""
    if not can_reply(parent=parent, user=user):
        raise PermissionDenied(_("You cannot reply in this thread."))
    if parent.screening != ScreeningStatus.APPROVED:
        raise ValidationError(
            _("You can only reply to published messages."), code="parent"
        )
    if not parent.allow_thread():
        raise ValidationError(
            _("This thread is as deep as it may go; reply higher up."),
            code="depth",
        )
    problem = parent.problem
    if problem.status in (S.DRAFT, S.SUBMITTED, S.CLOSED):
        raise ValidationError(_("This problem is not taking replies."))
    reply = _new_comment(problem=problem, user=user, text=text, parent=parent)
    if problem.enterprise.user_id == user.pk or not settings.QA_SCREEN_REPLIES:
        # The enterprise's follow-ups on its own problem need no screening, and
        # experts' replies only when the station screens replies too.
        reply.screening = ScreeningStatus.APPROVED
        reply.is_public = True
    reply.save()
    if reply.is_public:
        announce_published(answer=reply, problem=problem)
    return reply


def answer_screen(
    *,
    answer: Answer,
    user: User,
    approve: bool,
    quality_score: int | None = None,
    reason: str = "",
    revise: bool = False,
    staff_note: str | None = None,
) -> Answer:
    """A clerk approves (with a 1–5 quality score), rejects (with a reason) or
    asks the expert to revise (with what to change) a waiting answer."""
    if not user.has_perm("qa.screen_answer"):
        raise PermissionDenied(_("Only station staff can screen answers."))
    if approve and revise:
        raise ValueError("approve and revise exclude each other")
    if approve and answer.is_answer and quality_score not in range(1, 6):
        raise ValidationError(
            _("Give the answer a quality score from 1 to 5."), code="score"
        )
    if not approve and not reason.strip():
        raise ValidationError(
            _("Tell the expert what to change.")
            if revise
            else _("Give the expert a reason for the rejection."),
            code="reason",
        )
    if approve:
        outcome = ScreeningStatus.APPROVED
    else:
        outcome = ScreeningStatus.REVISION if revise else ScreeningStatus.REJECTED
    changes = {
        "screening": outcome,
        "is_public": approve,
        "quality_score": quality_score if approve else None,
        "rejection_reason": "" if approve else reason.strip(),
        "screened_by": user,
        "screened_at": timezone.now(),
    }
    if staff_note is not None:
        changes["staff_note"] = staff_note.strip()
    with transaction.atomic():
        updated = Answer.objects.filter(
            pk=answer.pk, screening=ScreeningStatus.PENDING
        ).update(**changes)
        if not updated:
            raise ValidationError(
                _("This answer has already been screened."), code="screened"
            )
        answer.refresh_from_db()
        problem = Problem.objects.get(pk=answer.object_pk)
        if approve and answer.is_answer and problem.status == S.OPEN:
            problem_transition(
                problem=problem,
                to_status=S.ANSWERED,
                actor=user,
                note=_("First answer published."),
            )
        _reindex(answer)
        announce_screening(answer=answer, actor=user)
    return answer


@transaction.atomic
def answer_revise(*, answer: Answer, user: User, text: str) -> Answer:
    """The expert rewrites an answer the station sent back; it is screened again."""
    if answer.user_id != user.pk:
        raise PermissionDenied(_("Only its author can revise an answer."))
    if answer.screening != ScreeningStatus.REVISION:
        raise ValidationError(
            _("Only answers sent back for revision can be changed."), code="revise"
        )
    revised = _new_comment(problem=answer.problem, user=user, text=text)
    Answer.objects.filter(pk=answer.pk).update(
        comment=revised.comment,
        screening=ScreeningStatus.PENDING,
        submit_date=timezone.now(),
    )
    answer.refresh_from_db()
    _reindex(answer)
    return answer


@transaction.atomic
def answer_note_set(*, answer: Answer, user: User, note: str) -> Answer:
    """Staff keep an internal note on a message; nobody else ever sees it."""
    problem = Problem.objects.select_related("enterprise").get(pk=answer.object_pk)
    if not is_staff_for_problem(user, problem):
        raise PermissionDenied(_("Only station staff can write staff notes."))
    Answer.objects.filter(pk=answer.pk).update(staff_note=note.strip())
    answer.refresh_from_db()
    return answer


def answer_accept(
    *,
    answer: Answer,
    user: User,
    satisfaction: int | None = None,
    comment: str = "",
) -> Problem:
    """The enterprise accepts an answer as the solution: solved online (Art. 15).

    Accepting the already accepted answer again changes nothing and records no
    second reward.
    """
    problem = Problem.objects.get(pk=answer.object_pk)
    if problem.enterprise.user_id != user.pk:
        raise PermissionDenied(
            _("Only the enterprise that posted the problem can accept.")
        )
    if not answer.is_answer or answer.screening != ScreeningStatus.APPROVED:
        raise ValidationError(
            _("Only a published answer can be accepted."), code="not_accepted"
        )
    if satisfaction is not None and satisfaction not in range(1, 6):
        raise ValidationError(_("Rate your satisfaction from 1 to 5."))
    if problem.status == S.SOLVED:
        if problem.accepted_answer_id == answer.pk:
            return problem
        raise ValidationError(
            _("This problem already has an accepted solution."), code="solved"
        )
    now = timezone.now()
    with transaction.atomic():
        problem_transition(
            problem=problem,
            to_status=S.SOLVED,
            actor=user,
            note=_("Answer by %(expert)s accepted as the solution.")
            % {"expert": answer.user_name},
            accepted_answer=answer,
            solution_kind=SolutionKind.ONLINE,
            satisfaction=satisfaction,
            satisfaction_comment=comment.strip(),
            solved_at=now,
        )
        reward_entry_record(
            expert=answer.user.expert_profile,
            kind=RewardKind.ONLINE,
            problem=problem,
            event_date=timezone.localdate(now),
        )
        announce_accepted(answer=answer, problem=problem, actor=user)
    return problem
