"""Reads for appointment letters and assessments: status, lookups, scoped lists."""

import datetime
import re
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from appointments.models import (
    GRADE_THRESHOLDS,
    AppointmentLetter,
    Assessment,
    Grade,
    LetterStatus,
)
from stations.models import ExpertProfile, User
from stations.scoping import scope_to_stations

#: a letter this close to its end counts as expiring, and its expert is reminded
EXPIRY_NOTICE_DAYS = 30
#: no genuine letter number is longer; longer input is not looked up at all
NUMBER_MAX_LENGTH = 40

_BRACKETS = str.maketrans({"[": "〔", "(": "〔", "（": "〔", "【": "〔",
                           "]": "〕", ")": "〕", "）": "〕", "】": "〕"})  # fmt: skip


def letter_status(
    letter: AppointmentLetter, *, today: datetime.date | None = None
) -> str:
    """Revoked, else from the dates: not yet in force, valid, expiring or expired."""
    today = today or timezone.localdate()
    if letter.revoked_at is not None:
        return LetterStatus.REVOKED
    if letter.start > today:
        return LetterStatus.UPCOMING
    if letter.end < today:
        return LetterStatus.EXPIRED
    if (letter.end - today).days <= EXPIRY_NOTICE_DAYS:
        return LetterStatus.EXPIRING
    return LetterStatus.VALID


def letters_active(*, today: datetime.date | None = None) -> QuerySet:
    """Letters not revoked whose term has not ended (including future terms)."""
    today = today or timezone.localdate()
    return AppointmentLetter.objects.filter(revoked_at__isnull=True, end__gte=today)


def expert_has_active_letter(
    expert: ExpertProfile, *, today: datetime.date | None = None
) -> bool:
    return letters_active(today=today).filter(expert=expert).exists()


def experts_awaiting_letter(user: User) -> QuerySet[ExpertProfile]:
    """Verified experts the user's stations may appoint who hold no active letter."""
    active = letters_active().values("expert_id")
    experts = ExpertProfile.objects.filter(
        status=ExpertProfile.Status.VERIFIED
    ).exclude(pk__in=active)
    return scope_to_stations(experts, user, "station").select_related("station")


def letters_for_staff(user: User) -> QuerySet[AppointmentLetter]:
    """The letters of the user's stations (all of them for the provincial station)."""
    letters = AppointmentLetter.objects.select_related(
        "expert", "station", "previous", "renewal"
    )
    return scope_to_stations(letters, user, "station")


def letter_in_scope(user: User, letter: AppointmentLetter) -> bool:
    return letters_for_staff(user).filter(pk=letter.pk).exists()


def letter_can_download(user: User, letter: AppointmentLetter) -> bool:
    """The appointed expert himself, or staff who may see the letter's station."""
    if not user.is_authenticated:
        return False
    if letter.expert.user_id == user.pk:
        return True
    may_view = user.has_perm("appointments.view_appointmentletter") or user.has_perm(
        "appointments.issue_appointmentletter"
    )
    return may_view and letter_in_scope(user, letter)


def normalise_number(raw: str) -> str:
    """Letter numbers as people type them: spaces dropped, any brackets as 〔〕."""
    return re.sub(r"\s+", "", raw or "").translate(_BRACKETS)


def letter_find(raw_number: str) -> AppointmentLetter | None:
    """The letter with this number, or None for anything else (odd input included)."""
    number = normalise_number(raw_number)
    if not number or len(number) > NUMBER_MAX_LENGTH:
        return None
    return (
        AppointmentLetter.objects.select_related("expert", "station", "renewal")
        .filter(number=number)
        .first()
    )


def letters_of_expert(expert: ExpertProfile | None) -> QuerySet[AppointmentLetter]:
    if expert is None:
        return AppointmentLetter.objects.none()
    return AppointmentLetter.objects.filter(expert=expert).select_related("station")


def letters_due_for_reminder(
    *, today: datetime.date | None = None
) -> QuerySet[AppointmentLetter]:
    """Letters in force, not renewed, ending within the notice period."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=EXPIRY_NOTICE_DAYS)
    return (
        AppointmentLetter.objects.filter(
            revoked_at__isnull=True, start__lte=today, end__gte=today, end__lte=horizon
        )
        .filter(renewal__isnull=True)
        .select_related("expert__user", "station__director", "issued_by")
    )


def grade_for(score: Decimal) -> str:
    """90 and above excellent, 75 good, 60 pass, below 60 fail."""
    for lowest, grade in GRADE_THRESHOLDS:
        if score >= lowest:
            return grade
    return Grade.FAIL


def assessments_of(expert: ExpertProfile | None) -> QuerySet[Assessment]:
    if expert is None:
        return Assessment.objects.none()
    return Assessment.objects.filter(expert=expert)


def assessments_for_staff(user: User) -> QuerySet[Assessment]:
    assessments = Assessment.objects.select_related("expert", "assessed_by")
    return scope_to_stations(assessments, user, "expert__station")


def experts_assessable(user: User) -> QuerySet[ExpertProfile]:
    """Verified experts of the user's stations, the ones he may assess."""
    experts = ExpertProfile.objects.filter(status=ExpertProfile.Status.VERIFIED)
    return scope_to_stations(experts, user, "station")


def letters_filter_status(
    letters: QuerySet, status: str, *, today: datetime.date | None = None
) -> QuerySet:
    """The letters whose computed status (see letter_status) is `status`."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=EXPIRY_NOTICE_DAYS)
    if status == LetterStatus.REVOKED:
        return letters.filter(revoked_at__isnull=False)
    live = letters.filter(revoked_at__isnull=True)
    return {
        LetterStatus.UPCOMING: live.filter(start__gt=today),
        LetterStatus.EXPIRED: live.filter(end__lt=today),
        LetterStatus.EXPIRING: live.filter(
            start__lte=today, end__gte=today, end__lte=horizon
        ),
        LetterStatus.VALID: live.filter(start__lte=today, end__gt=horizon),
    }.get(status, letters)


#: the suggested score: quality up to 60 points, approved answers up to 30 (3 each),
#: solutions the enterprise accepted up to 10 (5 each)
QUALITY_POINTS, ANSWER_POINTS, ANSWER_CAP, SOLUTION_POINTS, SOLUTION_CAP = (
    60,
    3,
    10,
    5,
    2,
)


def suggested_score(
    *, approved: int, average_quality: float | None, accepted: int
) -> Decimal:
    """A starting score from the period's statistics; the director decides."""
    quality = Decimal(str(average_quality or 0)) / 5 * QUALITY_POINTS
    answers = min(approved, ANSWER_CAP) * ANSWER_POINTS
    solutions = min(accepted, SOLUTION_CAP) * SOLUTION_POINTS
    return min(Decimal("100"), quality + answers + solutions).quantize(Decimal("0.01"))


def suggested_scores(user: User, *, year: int, half: str) -> list[dict]:
    """The period's statistics of the user's experts with a suggested score each."""
    from appointments.models import Half
    from stations.selectors import expert_answer_stats

    start = datetime.date(year, 1 if half == Half.FIRST else 7, 1)
    # the statistics take the day after the period as its end
    end = (
        datetime.date(year, 7, 1)
        if half == Half.FIRST
        else datetime.date(year + 1, 1, 1)
    )
    allowed = set(experts_assessable(user).values_list("pk", flat=True))
    rows = [
        row
        for row in expert_answer_stats(start=start, end=end)
        if row["expert_id"] in allowed
    ]
    for row in rows:
        row["suggested"] = suggested_score(
            approved=row["approved"],
            average_quality=row["average_quality"],
            accepted=row["accepted"],
        )
    return rows
