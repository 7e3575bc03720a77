"""Reads for the expert roster: the vetting queue, duplicates, away experts and
the public profile."""

import datetime

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from experts.models import AwayPeriod, InvitationReply, VettingDecision
from qa.models import Answer, Problem, ScreeningStatus
from stations.choices import Industry
from stations.models import ExcellentExpertMember, ExpertProfile, Station, User
from stations.scoping import scope_to_stations

Status = ExpertProfile.Status


def _scoping_applies() -> bool:
    # Until any station is set up, every staff member works for the one station.
    return Station.objects.exists()


def experts_visible_to(user: User) -> QuerySet[ExpertProfile]:
    """The experts a staff member vets: his stations' (and sub-stations') experts;
    experts with no station belong to the provincial station."""
    experts = ExpertProfile.objects.all()
    if not _scoping_applies():
        return experts
    return scope_to_stations(experts, user, "station")


def can_act_on(*, user: User, expert: ExpertProfile) -> bool:
    """Whether the expert is within the staff member's stations."""
    return experts_visible_to(user).filter(pk=expert.pk).exists()


def vetting_queue(*, user: User, status: str = Status.PENDING) -> QuerySet:
    """Applications waiting for a decision, oldest first; those waiting for the
    applicant's answer last."""
    return (
        experts_visible_to(user)
        .filter(status=status)
        .select_related("user", "station", "application")
        .order_by("application__info_requested", "created_at", "pk")
    )


def duplicates_of(expert: ExpertProfile) -> list[tuple[ExpertProfile, str]]:
    """Other experts with the same phone, e-mail, or name and organisation."""
    others = ExpertProfile.objects.exclude(pk=expert.pk)
    found: dict[int, tuple[ExpertProfile, list[str]]] = {}
    checks = [
        (Q(phone=expert.phone), _("same phone")),
        (Q(email__iexact=expert.email), _("same e-mail")),
        (
            Q(real_name=expert.real_name, organisation=expert.organisation),
            _("same name and organisation"),
        ),
    ]
    for condition, label in checks:
        for other in others.filter(condition):
            found.setdefault(other.pk, (other, []))[1].append(label)
    return [(other, "、".join(labels)) for other, labels in found.values()]


def decisions_for(expert: ExpertProfile) -> QuerySet[VettingDecision]:
    return expert.vetting_decisions.select_related("actor").order_by("-at", "-pk")


def experts_away(*, on: datetime.date | None = None) -> QuerySet:
    """Ids of experts away on the day (today by default), for use in a filter."""
    day = on or timezone.localdate()
    return (
        AwayPeriod.objects.filter(start__lte=day, end__gte=day)
        .values_list("expert_id", flat=True)
        .distinct()
    )


def away_periods_of(expert: ExpertProfile) -> QuerySet[AwayPeriod]:
    return expert.away_periods.order_by("-start", "-pk")


def declined_invitations(*, user: User) -> QuerySet[InvitationReply]:
    """Declines of experts in the staff member's stations, newest first."""
    visible = experts_visible_to(user).values("pk")
    return InvitationReply.objects.filter(expert__in=visible).select_related(
        "expert", "problem"
    )


def public_expert(pk: int) -> ExpertProfile | None:
    """A verified expert; nobody else has a public profile."""
    return (
        ExpertProfile.objects.filter(pk=pk, status=Status.VERIFIED)
        .select_related("user")
        .prefetch_related("expertise")
        .first()
    )


def expert_record(expert: ExpertProfile) -> dict:
    """Public figures: published answers, accepted solutions, average quality
    score, and the years on the approved excellent-expert list (Art. 18)."""
    published = Answer.objects.filter(
        user_id=expert.user_id,
        level=0,
        screening=ScreeningStatus.APPROVED,
        is_public=True,
        is_removed=False,
    ).aggregate(count=Count("pk"), average=Avg("quality_score"))
    solved = Problem.objects.filter(accepted_answer__user_id=expert.user_id).count()
    years = list(
        ExcellentExpertMember.objects.filter(expert=expert)
        .order_by("-list__year")
        .values_list("list__year", flat=True)
    )
    average = published["average"]
    return {
        "answers": published["count"],
        "solved": solved,
        "average_quality": round(average, 1) if average is not None else None,
        "excellent_years": years,
        "industries": [
            str(Industry(code).label)
            for code in expert.industries
            if code in Industry.values
        ],
    }
