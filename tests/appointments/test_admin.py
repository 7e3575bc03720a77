"""The director's admin screens and the listings, scoped by station."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from appointments import services
from appointments.models import AppointmentLetter, Assessment
from stations import roles
from tests.factories.appointments import AppointmentLetterFactory, AssessmentFactory
from tests.factories.stations import (
    DirectorFactory,
    ExpertFactory,
    StationFactory,
    UserFactory,
    join_as_clerk,
)

pytestmark = pytest.mark.django_db


def _city_clerk(station):
    roles.ensure_role_groups()
    user = UserFactory(groups=[Group.objects.get(name=roles.CLERK)])
    return join_as_clerk(user, station)


def _refused(response) -> bool:
    """Wagtail answers a refusal with its dashboard and a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def test_director_issues_from_the_awaiting_list(client, director, station_expert):
    client.force_login(director)
    page = client.get(reverse("appointments_admin:awaiting")).content.decode()
    assert station_expert.real_name in page
    response = client.post(
        reverse("appointments_admin:issue", args=[station_expert.pk]),
        {"start": "2026-01-01"},
    )
    letter = AppointmentLetter.objects.get(expert=station_expert)
    assert response.url == reverse("appointments_admin:letter", args=[letter.pk])
    assert letter.start == datetime.date(2026, 1, 1)
    page = client.get(reverse("appointments_admin:awaiting")).content.decode()
    assert station_expert.real_name not in page


def test_clerk_is_refused_the_directors_screens(client, clerk, station_expert):
    client.force_login(clerk)
    assert _refused(client.get(reverse("appointments_admin:awaiting")))
    issue = reverse("appointments_admin:issue", args=[station_expert.pk])
    assert _refused(client.post(issue))
    assert _refused(client.get(reverse("appointments_admin:assess")))
    assert not AppointmentLetter.objects.exists()


def test_clerk_cannot_renew_or_revoke_through_the_admin(client, clerk, director):
    letter = AppointmentLetterFactory(expert=ExpertFactory(station=None))
    client.force_login(clerk)
    page = client.get(reverse("appointments_admin:letter", args=[letter.pk]))
    assert page.status_code == 200
    assert "撤销聘书" not in page.content.decode()
    renew = reverse("appointments_admin:renew", args=[letter.pk])
    revoke = reverse("appointments_admin:revoke", args=[letter.pk])
    assert _refused(client.post(renew))
    assert _refused(client.post(revoke, {"reason": "x"}))
    letter.refresh_from_db()
    assert letter.revoked_at is None and not hasattr(letter, "renewal")


def test_director_renews_and_revokes(client, director, station_expert):
    letter = services.letter_issue(expert=station_expert, actor=director)
    client.force_login(director)
    client.post(reverse("appointments_admin:renew", args=[letter.pk]))
    renewal = AppointmentLetter.objects.get(previous=letter)
    response = client.post(
        reverse("appointments_admin:revoke", args=[renewal.pk]), {"reason": ""}
    )
    renewal.refresh_from_db()
    assert renewal.revoked_at is None  # no reason, no revocation
    client.post(
        reverse("appointments_admin:revoke", args=[renewal.pk]),
        {"reason": "工作调动"},
    )
    renewal.refresh_from_db()
    assert renewal.revocation_reason == "工作调动"
    assert response.status_code == 302


def test_listing_is_scoped_to_the_clerks_station(client):
    city, other = StationFactory(), StationFactory()
    mine = AppointmentLetterFactory(expert=ExpertFactory(station=city))
    theirs = AppointmentLetterFactory(expert=ExpertFactory(station=other))
    client.force_login(_city_clerk(city))
    page = client.get(reverse("appointments_letter:index")).content.decode()
    assert mine.number in page
    assert theirs.number not in page
    detail = reverse("appointments_admin:letter", args=[theirs.pk])
    assert client.get(detail).status_code == 404


def test_listing_filters_by_status_and_exports(client, director):
    valid = AppointmentLetterFactory(
        start=datetime.date(2025, 1, 1), end=datetime.date(2099, 12, 31)
    )
    expired = AppointmentLetterFactory(
        start=datetime.date(2019, 1, 1), end=datetime.date(2021, 12, 31)
    )
    client.force_login(director)
    index = reverse("appointments_letter:index")
    page = client.get(index, {"status": "expired"}).content.decode()
    assert expired.number in page and valid.number not in page
    csv = client.get(index, {"export": "csv"})
    assert csv.status_code == 200
    body = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert valid.number in body and expired.number in body
    assert valid.expert.phone not in body
    xlsx = client.get(index, {"export": "xlsx"})
    assert xlsx.status_code == 200


def test_director_records_an_assessment(client, director, station_expert):
    client.force_login(director)
    form = client.get(reverse("appointments_admin:assess")).content.decode()
    assert "建议分数" in form and station_expert.real_name in form
    response = client.post(
        reverse("appointments_admin:assess"),
        {
            "expert": station_expert.pk,
            "year": 2025,
            "half": "H2",
            "score": "76.5",
            "comment": "良好",
        },
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert (assessment.grade, assessment.assessed_by) == ("good", director)
    again = client.post(
        reverse("appointments_admin:assess"),
        {"expert": station_expert.pk, "year": 2025, "half": "H2", "score": "90"},
    )
    assert again.status_code == 200  # the form again, with the error
    assert Assessment.objects.count() == 1


def test_assessment_listing_scoped_and_exported(client):
    city, other = StationFactory(), StationFactory()
    mine = AssessmentFactory(expert=ExpertFactory(station=city, real_name="本站专家"))
    AssessmentFactory(expert=ExpertFactory(station=other, real_name="外站专家"))
    client.force_login(DirectorFactory(station=city))
    index = reverse("appointments_assessment:index")
    page = client.get(index).content.decode()
    assert "本站专家" in page and "外站专家" not in page
    csv = client.get(index, {"export": "csv"})
    body = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert mine.expert.real_name in body and "外站专家" not in body


def test_nobody_edits_letters_in_the_generic_forms(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    letter = AppointmentLetterFactory()
    client.force_login(admin)
    edit = reverse("appointments_letter:edit", args=[letter.pk])
    assert _refused(client.get(edit))
    assert _refused(client.get(reverse("appointments_letter:add")))
