"""Issuing, numbering, renewing and revoking appointment letters (notice §4.3)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from appointments import services
from appointments.models import AppointmentLetter, LetterCounter
from tests.factories.stations import (
    DirectorFactory,
    ExpertFactory,
    StationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 10)


def test_letter_numbered_per_year_and_term_of_three_years(director, station_expert):
    letter = services.letter_issue(expert=station_expert, actor=director, issued_on=DAY)
    assert letter.number == "吉专服聘〔2026〕第0001号"
    assert (letter.start, letter.end) == (DAY, datetime.date(2029, 3, 9))
    assert letter.station == station_expert.station
    assert letter.issued_by == director


def test_term_length_comes_from_settings(director, station_expert, settings):
    settings.XUNJIE_APPOINTMENT_TERM_YEARS = 2
    letter = services.letter_issue(expert=station_expert, actor=director, issued_on=DAY)
    assert letter.end == datetime.date(2028, 3, 9)


def test_two_issues_get_different_sequential_numbers(director, station_expert):
    other = ExpertFactory(station=station_expert.station)
    first = services.letter_issue(expert=station_expert, actor=director, issued_on=DAY)
    second = services.letter_issue(expert=other, actor=director, issued_on=DAY)
    assert first.number != second.number
    assert (first.sequence, second.sequence) == (1, 2)


def test_number_stays_unique_when_the_counter_falls_behind(director, station_expert):
    """Another issue may have taken a number the counter does not show yet."""
    first = services.letter_issue(expert=station_expert, actor=director, issued_on=DAY)
    LetterCounter.objects.filter(year=2026).update(last=0)
    other = ExpertFactory(station=station_expert.station)
    second = services.letter_issue(expert=other, actor=director, issued_on=DAY)
    assert second.number == "吉专服聘〔2026〕第0002号" != first.number


def test_numbering_restarts_each_year(director, station_expert):
    services.letter_issue(expert=station_expert, actor=director, issued_on=DAY)
    other = ExpertFactory(station=station_expert.station)
    next_year = services.letter_issue(
        expert=other, actor=director, issued_on=datetime.date(2027, 1, 4)
    )
    assert next_year.number == "吉专服聘〔2027〕第0001号"


def test_superuser_may_issue(station_expert):
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert services.letter_issue(expert=station_expert, actor=admin).pk


@pytest.mark.parametrize("who", ["clerk", "expert", "nobody"])
def test_only_the_director_issues(who, station_expert, clerk):
    actor = {
        "clerk": clerk,
        "expert": ExpertFactory().user,
        "nobody": UserFactory(),
    }[who]
    with pytest.raises(PermissionDenied):
        services.letter_issue(expert=station_expert, actor=actor)
    assert not AppointmentLetter.objects.exists()


def test_city_director_cannot_appoint_another_citys_expert(db):
    city, other_city = StationFactory(), StationFactory()
    city_director = DirectorFactory(station=city)
    with pytest.raises(PermissionDenied):
        services.letter_issue(
            expert=ExpertFactory(station=other_city), actor=city_director
        )
    assert services.letter_issue(
        expert=ExpertFactory(station=city), actor=city_director
    )


def test_only_verified_experts_are_appointed(director, pending_expert):
    with pytest.raises(ValidationError):
        services.letter_issue(expert=pending_expert, actor=director)


def test_no_second_letter_while_one_is_in_force(director, station_expert):
    services.letter_issue(expert=station_expert, actor=director, issued_on=DAY)
    with pytest.raises(ValidationError):
        services.letter_issue(
            expert=station_expert, actor=director, issued_on=DAY.replace(year=2027)
        )


def test_renewal_continues_the_term_with_a_new_number(director, station_expert):
    letter = services.letter_issue(expert=station_expert, actor=director, issued_on=DAY)
    renewal = services.letter_renew(
        letter=letter, actor=director, issued_on=datetime.date(2029, 2, 20)
    )
    assert renewal.number == "吉专服聘〔2029〕第0001号"
    assert renewal.previous == letter
    assert renewal.start == datetime.date(2029, 3, 10)  # the day after the old end
    assert renewal.end == datetime.date(2032, 3, 9)


def test_renewal_of_a_lapsed_letter_starts_on_the_renewal_day(director, station_expert):
    letter = services.letter_issue(expert=station_expert, actor=director, issued_on=DAY)
    later = datetime.date(2029, 6, 1)
    assert (
        services.letter_renew(letter=letter, actor=director, issued_on=later).start
        == later
    )


def test_a_letter_is_renewed_once(director, station_expert):
    letter = services.letter_issue(expert=station_expert, actor=director, issued_on=DAY)
    services.letter_renew(letter=letter, actor=director, issued_on=DAY)
    with pytest.raises(ValidationError):
        services.letter_renew(letter=letter, actor=director, issued_on=DAY)


def test_clerk_cannot_renew_or_revoke(director, station_expert, clerk):
    letter = services.letter_issue(expert=station_expert, actor=director, issued_on=DAY)
    with pytest.raises(PermissionDenied):
        services.letter_renew(letter=letter, actor=clerk)
    with pytest.raises(PermissionDenied):
        services.letter_revoke(letter=letter, actor=clerk, reason="x")
    letter.refresh_from_db()
    assert letter.revoked_at is None


def test_revocation_needs_a_reason_and_happens_once(director, station_expert):
    letter = services.letter_issue(expert=station_expert, actor=director, issued_on=DAY)
    with pytest.raises(ValidationError):
        services.letter_revoke(letter=letter, actor=director, reason="  ")
    services.letter_revoke(letter=letter, actor=director, reason="本人申请解聘")
    letter.refresh_from_db()
    assert letter.revocation_reason == "本人申请解聘"
    assert letter.revoked_by == director
    with pytest.raises(ValidationError):
        services.letter_revoke(letter=letter, actor=director, reason="again")
    with pytest.raises(ValidationError):
        services.letter_renew(letter=letter, actor=director)


def test_revoked_expert_may_be_appointed_again(director, station_expert):
    letter = services.letter_issue(expert=station_expert, actor=director, issued_on=DAY)
    services.letter_revoke(letter=letter, actor=director, reason="误发")
    again = services.letter_issue(expert=station_expert, actor=director, issued_on=DAY)
    assert again.number != letter.number


def test_issuing_tells_the_expert(director, station_expert):
    letter = services.letter_issue(expert=station_expert, actor=director, issued_on=DAY)
    notification = station_expert.user.notifications.get()
    assert letter.number in notification.subject


def test_clerk_is_in_the_letter_viewing_group_only(clerk, director):
    assert clerk.has_perm("appointments.view_appointmentletter")
    assert not clerk.has_perm("appointments.issue_appointmentletter")
    assert director.has_perm("appointments.issue_appointmentletter")
    assert not clerk.has_perm("appointments.record_assessment")
