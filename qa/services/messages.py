"""Private conversations between an expert and a problem's enterprise (Art. 9).

Contact details (phone, e-mail) are shown to the other side only once the
enterprise has agreed for that expert.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from qa.models import (
    Answer,
    ContactConsent,
    NotificationEvent,
    PrivateMessage,
    Problem,
    ProblemStatus,
)
from qa.notifications import notify
from stations.models import User

#: a conversation can run while the problem is public and not closed
OPEN_FOR_MESSAGES = {
    ProblemStatus.OPEN,
    ProblemStatus.ANSWERED,
    ProblemStatus.REFERRED,
    ProblemStatus.SOLVED,
}


def conversation_allowed(*, problem: Problem, expert: User) -> bool:
    """An expert may talk privately about a problem they can see and take part in."""
    return expert.is_verified_expert and problem.status in OPEN_FOR_MESSAGES


def _enterprise_may_write_to(problem: Problem, expert: User) -> bool:
    """The enterprise writes to experts who answered or who wrote to it first."""
    started = PrivateMessage.objects.filter(
        problem=problem, expert=expert, sender=expert
    ).exists()
    return started or Answer.for_problem(problem).filter(user=expert).exists()


@transaction.atomic
def message_send(
    *, problem: Problem, sender: User, text: str, expert: User | None = None
) -> PrivateMessage:
    """Send a private message; the other side is told through notifications."""
    is_owner = problem.enterprise.user_id == sender.pk
    if is_owner:
        if expert is None or not _enterprise_may_write_to(problem, expert):
            raise PermissionDenied(_("You cannot write to this expert."))
        recipient = expert
    else:
        expert = sender
        recipient = problem.enterprise.user
    if not conversation_allowed(problem=problem, expert=expert):
        raise PermissionDenied(_("Private messages are not possible here."))
    message = PrivateMessage(
        problem=problem, expert=expert, sender=sender, text=text.strip()
    )
    message.full_clean()
    message.save()
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            event=NotificationEvent.PRIVATE_MESSAGE,
            recipients=[recipient],
            key=str(message.pk),
            subject=_("Private message about “%(title)s”") % {"title": problem.title},
            body=message.text[:200],
            problem=problem,
            actor=sender,
        )
    return message


@transaction.atomic
def contact_share(*, problem: Problem, user: User, expert: User) -> ContactConsent:
    """The enterprise agrees to exchange contact details with one expert."""
    if problem.enterprise.user_id != user.pk:
        raise PermissionDenied(_("Only the enterprise can share its contact details."))
    if not PrivateMessage.objects.filter(problem=problem, expert=expert).exists():
        raise ValidationError(_("Start a conversation with the expert first."))
    consent, _created = ContactConsent.objects.get_or_create(
        problem=problem, expert=expert
    )
    return consent
