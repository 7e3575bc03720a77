"""Demo letters and assessments: every case present; a second load adds nothing."""

import datetime

import pytest
from django.utils import timezone

from appointments import demo
from appointments.models import AppointmentLetter, Assessment, Half, LetterStatus
from stations.demo.loader import Tally
from tests.factories.stations import ExpertFactory, provincial_station

pytestmark = pytest.mark.django_db


def test_demo_covers_renewal_revocation_and_assessments(director):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    experts = [ExpertFactory(station=provincial_station()) for _ in range(7)]
    type(experts[0]).objects.filter(pk__in=[e.pk for e in experts]).update(
        created_at=long_ago
    )
    demo.load(Tally(), director=director)
    letters = AppointmentLetter.objects.all()
    statuses = {letter.status for letter in letters}
    assert {LetterStatus.EXPIRED, LetterStatus.REVOKED} <= statuses
    renewal = letters.get(previous__isnull=False)
    assert renewal.previous.status == LetterStatus.EXPIRED
    assert renewal.status in (LetterStatus.VALID, LetterStatus.EXPIRING)
    revoked = letters.get(revoked_at__isnull=False)
    assert revoked.revocation_reason
    # every verified expert was appointed on the day he was vetted
    for letter in letters.filter(previous__isnull=True):
        assert letter.issued_on == timezone.localdate(long_ago)
        assert letter.issued_by == director
    year, half = demo.last_half_year(timezone.localdate())
    assessed = Assessment.objects.filter(year=year, half=half)
    assert assessed.count() == len(demo.SCORES)
    assert {a.grade for a in assessed} == {"excellent", "good", "pass", "fail"}

    again = Tally()
    demo.load(again, director=director)
    assert again.total_created == 0
    assert AppointmentLetter.objects.count() == letters.count()


def test_last_half_year():
    assert demo.last_half_year(datetime.date(2026, 12, 3)) == (2026, Half.FIRST)
    assert demo.last_half_year(datetime.date(2026, 3, 1)) == (2025, Half.SECOND)
