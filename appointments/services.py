"""Writes: issuing, renewing and revoking letters; reminders; assessments (§4.3)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from appointments import selectors
from appointments.models import (
    AppointmentLetter,
    Assessment,
    Half,
    LetterCounter,
)
from qa.models import NotificationEvent
from qa.notifications import notify
from stations.models import ExpertProfile, User
from stations.scoping import scope_to_stations

ISSUE_PERMISSION = "appointments.issue_appointmentletter"
ASSESS_PERMISSION = "appointments.record_assessment"
#: tries at a free number when another issue took ours in between
NUMBER_ATTEMPTS = 5


def term_years() -> int:
    return int(getattr(settings, "XUNJIE_APPOINTMENT_TERM_YEARS", 3))


def letter_number(year: int, sequence: int) -> str:
    """The printed number, e.g. 吉专服聘〔2026〕第0007号."""
    prefix = getattr(settings, "XUNJIE_APPOINTMENT_LETTER_PREFIX", "吉专服聘")
    return f"{prefix}〔{year}〕第{sequence:04d}号"


def term_end(start: datetime.date, years: int) -> datetime.date:
    """The last day of a term of whole years (a 29 February start ends on the 28th)."""
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:
        anniversary = start.replace(year=start.year + years, day=28)
    return anniversary - datetime.timedelta(days=1)


def _require(actor: User, permission: str, expert: ExpertProfile, message: str):
    """The permission, and the expert within the actor's stations."""
    in_scope = scope_to_stations(
        ExpertProfile.objects.filter(pk=expert.pk), actor, "station"
    ).exists()
    if not (actor.is_authenticated and actor.has_perm(permission) and in_scope):
        raise PermissionDenied(message)


def _save_numbered(letter: AppointmentLetter) -> AppointmentLetter:
    """Give the letter the year's next number and save it, safe under concurrency.

    The counter row is locked while the number is taken; the unique number is the
    last guard, and a clash (a counter created twice at once) is simply retried.
    The counter never falls behind the numbers already given.
    """
    year = letter.issued_on.year
    for attempt in range(NUMBER_ATTEMPTS):
        try:
            with transaction.atomic():
                counter, _created = (
                    LetterCounter.objects.select_for_update().get_or_create(year=year)
                )
                used = AppointmentLetter.objects.filter(year=year).aggregate(
                    m=Max("sequence")
                )["m"]
                counter.last = max(counter.last, used or 0) + 1
                counter.save(update_fields=["last"])
                letter.year, letter.sequence = year, counter.last
                letter.number = letter_number(year, counter.last)
                letter.save()
            return letter
        except IntegrityError:
            if attempt == NUMBER_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _new_letter(
    *,
    expert: ExpertProfile,
    actor: User,
    issued_on: datetime.date,
    start: datetime.date,
    end: datetime.date | None,
    previous: AppointmentLetter | None,
) -> AppointmentLetter:
    if expert.status != ExpertProfile.Status.VERIFIED:
        raise ValidationError(_("Only verified experts can be appointed."))
    letter = AppointmentLetter(
        expert=expert,
        station=expert.station,
        start=start,
        end=end or term_end(start, term_years()),
        issued_on=issued_on,
        issued_by=actor,
        previous=previous,
    )
    if letter.end < letter.start:
        raise ValidationError(_("The term must end after it starts."))
    letter.full_clean(exclude=["year", "sequence", "number"])
    letter = _save_numbered(letter)
    notify(
        event=NotificationEvent.LETTER_ISSUED,
        recipients=[expert.user],
        key=str(letter.pk),
        subject=_("Your appointment letter %(number)s") % {"number": letter.number},
        body=_(
            "The station appointed you an expert of its online team from %(start)s "
            "to %(end)s. Download the letter from your account page."
        )
        % {"start": letter.start, "end": letter.end},
        actor=actor,
    )
    return letter


@transaction.atomic
def letter_issue(
    *,
    expert: ExpertProfile,
    actor: User,
    issued_on: datetime.date | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> AppointmentLetter:
    """The director appoints a verified expert who holds no active letter."""
    _require(actor, ISSUE_PERMISSION, expert, _("Only the director can issue letters."))
    issued_on = issued_on or timezone.localdate()
    ExpertProfile.objects.select_for_update().filter(pk=expert.pk).first()
    if selectors.expert_has_active_letter(expert, today=issued_on):
        raise ValidationError(
            _("This expert already holds a letter in force; renew it instead.")
        )
    return _new_letter(
        expert=expert,
        actor=actor,
        issued_on=issued_on,
        start=start or issued_on,
        end=end,
        previous=None,
    )


@transaction.atomic
def letter_renew(
    *,
    letter: AppointmentLetter,
    actor: User,
    issued_on: datetime.date | None = None,
) -> AppointmentLetter:
    """A new letter with a new number continuing this one's term, linked to it."""
    _require(
        actor,
        ISSUE_PERMISSION,
        letter.expert,
        _("Only the director can renew letters."),
    )
    letter = AppointmentLetter.objects.select_for_update().get(pk=letter.pk)
    if letter.revoked_at is not None:
        raise ValidationError(_("A revoked letter cannot be renewed."))
    if AppointmentLetter.objects.filter(previous=letter).exists():
        raise ValidationError(_("This letter has already been renewed."))
    issued_on = issued_on or timezone.localdate()
    # The new term follows on without a gap, or starts now if the old one lapsed.
    start = max(issued_on, letter.end + datetime.timedelta(days=1))
    return _new_letter(
        expert=letter.expert,
        actor=actor,
        issued_on=issued_on,
        start=start,
        end=None,
        previous=letter,
    )


@transaction.atomic
def letter_revoke(
    *, letter: AppointmentLetter, actor: User, reason: str
) -> AppointmentLetter:
    """The director withdraws a letter, saying why; the verification page shows it."""
    _require(
        actor,
        ISSUE_PERMISSION,
        letter.expert,
        _("Only the director can revoke letters."),
    )
    letter = AppointmentLetter.objects.select_for_update().get(pk=letter.pk)
    if letter.revoked_at is not None:
        raise ValidationError(_("This letter has already been revoked."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for revoking the letter."))
    letter.revoked_at = timezone.now()
    letter.revoked_by = actor
    letter.revocation_reason = reason
    letter.full_clean()
    letter.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return letter


def letters_remind_expiry(*, today: datetime.date | None = None) -> int:
    """Tell each expert and the director once that a letter ends within 30 days."""
    told = 0
    for letter in selectors.letters_due_for_reminder(today=today):
        director = (
            letter.station.director
            if letter.station and letter.station.director
            else letter.issued_by
        )
        told += len(
            notify(
                event=NotificationEvent.LETTER_EXPIRING,
                recipients=[letter.expert.user, director],
                key=str(letter.pk),
                subject=_("Appointment letter %(number)s expires on %(end)s")
                % {"number": letter.number, "end": letter.end},
                body=_(
                    "The appointment of %(name)s (%(organisation)s) as an expert "
                    "ends on %(end)s. The director may renew the letter."
                )
                % {
                    "name": letter.expert.real_name,
                    "organisation": letter.expert.organisation,
                    "end": letter.end,
                },
            )
        )
    return told


@transaction.atomic
def assessment_record(
    *,
    expert: ExpertProfile,
    actor: User,
    year: int,
    half: str,
    score: Decimal,
    comment: str = "",
) -> Assessment:
    """The director assesses an expert once per half-year; the score sets the grade."""
    _require(
        actor,
        ASSESS_PERMISSION,
        expert,
        _("Only the director can record assessments."),
    )
    assessment = Assessment(
        expert=expert,
        year=year,
        half=half,
        score=score,
        comment=comment.strip(),
        assessed_by=actor,
    )
    if half in Half.values and year and assessment.period_start > timezone.localdate():
        raise ValidationError(_("A period that has not begun cannot be assessed."))
    if score is not None:
        assessment.grade = selectors.grade_for(Decimal(score))
    assessment.full_clean()
    assessment.save()
    return assessment
