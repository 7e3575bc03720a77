"""Letter status from the dates, and the daily expiry reminder (notice §4.3)."""

import datetime

import pytest
from django.core.management import call_command

from appointments import selectors, services
from appointments.models import AppointmentLetter, LetterStatus
from qa.models import Notification
from tests.factories.appointments import AppointmentLetterFactory

pytestmark = pytest.mark.django_db

START, END = datetime.date(2025, 1, 1), datetime.date(2027, 12, 31)


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (datetime.date(2024, 12, 31), LetterStatus.UPCOMING),
        (START, LetterStatus.VALID),
        (END - datetime.timedelta(days=31), LetterStatus.VALID),
        (END - datetime.timedelta(days=30), LetterStatus.EXPIRING),
        (END, LetterStatus.EXPIRING),
        (END + datetime.timedelta(days=1), LetterStatus.EXPIRED),
    ],
)
def test_status_follows_the_dates(today, status):
    letter = AppointmentLetterFactory(start=START, end=END)
    assert selectors.letter_status(letter, today=today) == status
    filtered = selectors.letters_filter_status(
        AppointmentLetter.objects.all(), status, today=today
    )
    assert list(filtered) == [letter]


def test_revoked_wins_over_the_dates(director):
    letter = AppointmentLetterFactory(start=START, end=END)
    services.letter_revoke(letter=letter, actor=director, reason="违规")
    letter.refresh_from_db()
    assert selectors.letter_status(letter, today=START) == LetterStatus.REVOKED
    live = selectors.letters_filter_status(
        AppointmentLetter.objects.all(), LetterStatus.VALID, today=START
    )
    assert not live.exists()


def _due_letter():
    today = datetime.date.today()
    return AppointmentLetterFactory(
        start=today - datetime.timedelta(days=700),
        end=today + datetime.timedelta(days=20),
    )


def test_reminder_tells_expert_and_director_once(db):
    letter = _due_letter()
    far = AppointmentLetterFactory(
        start=letter.start, end=letter.end + datetime.timedelta(days=200)
    )
    call_command("remind_letter_expiry")
    call_command("remind_letter_expiry")
    told = Notification.objects.filter(event="letter_expiring")
    assert sorted(n.recipient_id for n in told) == sorted(
        [letter.expert.user_id, letter.issued_by_id]
    )
    assert letter.number in told.first().subject
    assert not told.filter(recipient=far.expert.user).exists()


def test_reminder_goes_to_the_stations_director(db):
    from tests.factories.stations import DirectorFactory, StationFactory

    station = StationFactory()
    director = DirectorFactory(station=station)
    letter = _due_letter()
    AppointmentLetter.objects.filter(pk=letter.pk).update(station=station)
    assert services.letters_remind_expiry() == 2
    assert Notification.objects.filter(
        event="letter_expiring", recipient=director
    ).exists()


def test_renewed_or_revoked_letters_are_not_reminded(director):
    renewed, revoked = _due_letter(), _due_letter()
    services.letter_renew(letter=renewed, actor=director)
    services.letter_revoke(letter=revoked, actor=director, reason="x")
    assert services.letters_remind_expiry() == 0
