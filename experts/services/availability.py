"""An expert's availability: away periods and declined invitations."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from experts.models import AwayPeriod, InvitationReply
from qa.models import Notification, NotificationEvent
from qa.notifications import notify, staff_users
from stations.models import ExpertProfile, Station, User
from stations.scoping import sees_all_stations, visible_stations

#: the longest single absence; longer ones are a matter for the station
MAX_AWAY_DAYS = 366


def _own_profile(user: User) -> ExpertProfile:
    expert = user.expert_or_none
    if expert is None:
        raise PermissionDenied(_("Only experts can do this."))
    return expert


@transaction.atomic
def away_add(
    *, user: User, start: datetime.date, end: datetime.date, note: str = ""
) -> AwayPeriod:
    """An expert marks days away; overlapping periods are refused."""
    expert = _own_profile(user)
    if end < start:
        raise ValidationError(_("The end date is before the start date."))
    if end < timezone.localdate():
        raise ValidationError(_("The period is already over."))
    if (end - start).days + 1 > MAX_AWAY_DAYS:
        raise ValidationError(
            _("A period can be at most %(n)d days.") % {"n": MAX_AWAY_DAYS}
        )
    if expert.away_periods.filter(start__lte=end, end__gte=start).exists():
        raise ValidationError(_("This period overlaps one you already set."))
    period = AwayPeriod(expert=expert, start=start, end=end, note=note.strip())
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def away_remove(*, user: User, period: AwayPeriod) -> None:
    """An expert who comes back early removes a period (his own only)."""
    if period.expert.user_id != user.pk:
        raise PermissionDenied(_("This is not your period."))
    period.delete()


def _staff_of(station: Station | None) -> list[User]:
    """Staff who oversee a station; the provincial staff for no station."""
    return [
        user
        for user in staff_users()
        if sees_all_stations(user)
        or (
            station is not None
            and visible_stations(user).filter(pk=station.pk).exists()
        )
    ]


@transaction.atomic
def invitation_decline(
    *, user: User, invitation: Notification, reason: str
) -> InvitationReply:
    """An invited expert declines with a reason; the station's staff are told so
    they can invite someone else (Art. 8: every problem gets a reply)."""
    expert = _own_profile(user)
    if (
        invitation.recipient_id != user.pk
        or invitation.event != NotificationEvent.INVITED
    ):
        raise PermissionDenied(_("This is not an invitation to you."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason."), code="reason")
    if InvitationReply.objects.filter(invitation=invitation).exists():
        raise ValidationError(_("You have already declined this invitation."))
    problem = invitation.problem
    reply = InvitationReply(
        invitation=invitation, expert=expert, problem=problem, reason=reason
    )
    reply.full_clean()
    reply.save()
    station = problem.enterprise.station if problem is not None else None
    recipients = _staff_of(station) or staff_users()
    with translation.override(settings.LANGUAGE_CODE):
        # The decline puts the problem back in the staff's hands.
        notify(
            event=NotificationEvent.INVITATION_DECLINED,
            recipients=recipients,
            key=str(reply.pk),
            subject=_("%(expert)s declined the invitation to answer “%(title)s”")
            % {"expert": expert.real_name, "title": problem.title if problem else ""},
            body=reason,
            problem=problem,
            actor=user,
        )
    return reply
