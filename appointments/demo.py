"""Demo letters and assessments, through the same services as real use (idempotent).

The director appoints each verified demo expert on the day he was vetted (the demo
vets experts on registration, so that is his registration date). One expert's
first letter was a six-month trial term, long expired and renewed; one letter
was revoked; several experts were assessed for the last half-year.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from appointments import services
from appointments.models import AppointmentLetter, Assessment, Half
from stations.models import ExpertProfile, User

TRIAL_TERM = datetime.timedelta(days=182)
REVOCATION_REASON = "该专家因工作调动离开本省，本人申请解除聘任。"
#: scores of the last half-year's assessments, in expert order
SCORES = [
    (Decimal("94.5"), "答复及时、质量高，两项难题现场解决。"),
    (Decimal("88"), "答复数量多，企业评价好。"),
    (Decimal("79"), "答复质量较好，个别答复偏简略。"),
    (Decimal("72.5"), "能按时答复，建议增加现场服务。"),
    (Decimal("61"), "答复数量偏少。"),
    (Decimal("52"), "半年内答复很少，已提醒。"),
]


def last_half_year(today: datetime.date) -> tuple[int, str]:
    """The most recent half-year that has ended."""
    if today.month >= 7:
        return today.year, Half.FIRST
    return today.year - 1, Half.SECOND


def load(tally, *, director: User) -> None:
    """Letters for the verified demo experts, a renewal, a revocation, assessments."""
    director = User.objects.get(pk=director.pk)  # fresh permission cache
    experts = list(
        ExpertProfile.objects.filter(status=ExpertProfile.Status.VERIFIED).order_by(
            "created_at", "pk"
        )
    )
    if not experts:
        return
    today = timezone.localdate()
    for index, expert in enumerate(experts):
        vetted_on = timezone.localdate(expert.created_at)
        has_letter = AppointmentLetter.objects.filter(expert=expert).exists()
        tally.add("appointment letters", created=not has_letter)
        if has_letter:
            continue
        trial = index == 0 and vetted_on + TRIAL_TERM < today
        services.letter_issue(
            expert=expert,
            actor=director,
            issued_on=vetted_on,
            end=vetted_on + TRIAL_TERM if trial else None,
        )
    _renew_the_trial(tally, experts[0], director)
    if len(experts) > 1:
        _revoke_one(tally, experts[-1], director)
    _assess(tally, experts[: len(SCORES)], director, today)


def _renew_the_trial(tally, expert: ExpertProfile, director: User) -> None:
    first = AppointmentLetter.objects.filter(expert=expert).order_by("pk").first()
    if first is None or first.end >= timezone.localdate():
        return
    renewed = AppointmentLetter.objects.filter(previous=first).exists()
    tally.add("renewed letters", created=not renewed)
    if not renewed:
        services.letter_renew(
            letter=first,
            actor=director,
            issued_on=first.end + datetime.timedelta(days=1),
        )


def _revoke_one(tally, expert: ExpertProfile, director: User) -> None:
    letter = AppointmentLetter.objects.filter(expert=expert).order_by("pk").first()
    if letter is None:
        return
    tally.add("revoked letters", created=letter.revoked_at is None)
    if letter.revoked_at is None:
        services.letter_revoke(letter=letter, actor=director, reason=REVOCATION_REASON)


def _assess(tally, experts, director: User, today: datetime.date) -> None:
    year, half = last_half_year(today)
    for expert, (score, comment) in zip(experts, SCORES, strict=False):
        exists = Assessment.objects.filter(expert=expert, year=year, half=half).exists()
        tally.add("assessments", created=not exists)
        if not exists:
            services.assessment_record(
                expert=expert,
                actor=director,
                year=year,
                half=half,
                score=score,
                comment=comment,
            )
