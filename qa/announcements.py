"""What each Q&A event tells whom; the texts are stored in the site language.

Announcing never breaks the action that caused it: a failure (of the search
index used for matching, say) is logged and rolled back to a savepoint.
"""

import functools
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from experts.selectors import experts_away
from qa.matching import experts_matching
from qa.models import Answer, NotificationEvent, Problem, ScreeningStatus
from qa.notifications import notify, staff_users
from qa.rendering import markdown_to_text
from stations.models import ExpertProfile, User

E = NotificationEvent
logger = logging.getLogger(__name__)


def _never_breaks(function):
    @functools.wraps(function)
    def safe(**kwargs):
        try:
            with transaction.atomic():
                return function(**kwargs)
        except Exception:  # an announcement must not undo the user's action
            logger.exception("announcement %s failed", function.__name__)
            return None

    return safe


def _excerpt(text: str, length: int = 200) -> str:
    plain = markdown_to_text(text)
    return plain if len(plain) <= length else plain[:length] + "…"


@_never_breaks
def announce_problem_opened(*, problem: Problem, actor: User | None) -> None:
    """The best-matching experts hear of a problem once it is open."""
    experts = experts_matching(problem=problem)
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            event=E.NEW_PROBLEM,
            recipients=[e.user for e in experts],
            key=str(problem.pk),
            subject=_("New problem in your field: %(title)s")
            % {"title": problem.title},
            body=_excerpt(problem.description),
            problem=problem,
            actor=actor,
        )


@_never_breaks
def announce_problem_returned(*, problem: Problem, actor: User, reason: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            event=E.PROBLEM_RETURNED,
            recipients=[problem.enterprise.user],
            key=f"{problem.pk}:{problem.events.count()}",
            subject=_("Your problem was returned: %(title)s")
            % {"title": problem.title},
            body=reason,
            problem=problem,
            actor=actor,
        )


@_never_breaks
def announce_screening(*, answer: Answer, actor: User) -> None:
    """The expert hears the outcome; the enterprise and the thread hear of new
    published messages."""
    problem = Problem.objects.select_related("enterprise__user").get(
        pk=answer.object_pk
    )
    with translation.override(settings.LANGUAGE_CODE):
        if answer.screening == ScreeningStatus.APPROVED:
            notify(
                event=E.ANSWER_APPROVED,
                recipients=[answer.user],
                key=str(answer.pk),
                subject=_("Your answer to “%(title)s” is published")
                % {"title": problem.title},
                body=_("Quality score: %(score)s")
                % {"score": answer.quality_score or "—"},
                problem=problem,
                actor=actor,
            )
            announce_published(answer=answer, problem=problem)
            return
        event = (
            E.ANSWER_REVISION
            if answer.screening == ScreeningStatus.REVISION
            else E.ANSWER_REJECTED
        )
        notify(
            event=event,
            recipients=[answer.user],
            key=f"{answer.pk}:{answer.screened_at:%Y%m%d%H%M%S%f}",
            subject=(
                _("Please revise your answer to “%(title)s”")
                if event == E.ANSWER_REVISION
                else _("Your answer to “%(title)s” was not published")
            )
            % {"title": problem.title},
            body=answer.rejection_reason,
            problem=problem,
            actor=actor,
        )


@_never_breaks
def announce_published(*, answer: Answer, problem: Problem) -> None:
    """A newly public message: answers go to the enterprise, replies to the
    author of the message they reply to."""
    with translation.override(settings.LANGUAGE_CODE):
        if answer.is_answer:
            recipients = [problem.enterprise.user]
            event, subject = E.NEW_ANSWER, _("New answer to your problem “%(title)s”")
        else:
            parent = Answer.objects.select_related("user").get(pk=answer.parent_id)
            recipients = [parent.user]
            event, subject = E.REPLY, _("New reply about “%(title)s”")
        notify(
            event=event,
            recipients=recipients,
            key=str(answer.pk),
            subject=subject % {"title": problem.title},
            body=_excerpt(answer.comment),
            problem=problem,
            actor=answer.user,
        )


@_never_breaks
def announce_accepted(*, answer: Answer, problem: Problem, actor: User) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            event=E.ACCEPTED,
            recipients=[answer.user],
            key=str(problem.pk),
            subject=_("Your answer to “%(title)s” was accepted as the solution")
            % {"title": problem.title},
            body=problem.satisfaction_comment,
            problem=problem,
            actor=actor,
        )


def experts_invite(
    *, problem: Problem, experts: list[ExpertProfile], user: User
) -> int:
    """Staff invite chosen experts to answer an open problem; each once."""
    if not user.has_perm("qa.screen_answer"):
        raise PermissionDenied(_("Only station staff can invite experts."))
    if problem.status not in ("open", "answered"):
        raise ValidationError(_("Only open problems take invitations."))
    away = set(experts_away())
    verified = [
        e
        for e in experts
        if e.status == ExpertProfile.Status.VERIFIED and e.pk not in away
    ]
    with translation.override(settings.LANGUAGE_CODE):
        sent = notify(
            event=E.INVITED,
            recipients=[e.user for e in verified],
            key=str(problem.pk),
            subject=_("The station invites you to answer “%(title)s”")
            % {"title": problem.title},
            body=_excerpt(problem.description),
            problem=problem,
            actor=user,
        )
    return len(sent)


def chase_problem(*, problem: Problem) -> int:
    """Art. 8/10: an unanswered problem goes to staff and is announced to
    experts again; at most once per problem per day (the key has the date)."""
    today = timezone.localdate().isoformat()
    experts = experts_matching(problem=problem)
    with translation.override(settings.LANGUAGE_CODE):
        escalated = notify(
            event=E.ESCALATED,
            recipients=staff_users(),
            key=f"{problem.pk}:{today}",
            subject=_("Still unanswered: %(title)s") % {"title": problem.title},
            body=_("Posted %(date)s; no published answer yet.")
            % {"date": timezone.localtime(problem.created_at).date().isoformat()},
            problem=problem,
        )
        reminded = notify(
            event=E.UNANSWERED,
            recipients=[e.user for e in experts],
            key=f"{problem.pk}:{today}",
            subject=_("Still waiting for an expert: %(title)s")
            % {"title": problem.title},
            body=_excerpt(problem.description),
            problem=problem,
        )
    return len(escalated) + len(reminded)
