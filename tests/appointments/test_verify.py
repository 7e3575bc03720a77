"""The public verification page: genuine, expired, revoked or unknown (notice §4.3)."""

import datetime
from urllib.parse import quote

import pytest
from django.urls import reverse

from appointments import services
from tests.factories.appointments import AppointmentLetterFactory

pytestmark = pytest.mark.django_db

URL = "/letters/verify/"


@pytest.fixture
def letter(director, station_expert):
    return services.letter_issue(expert=station_expert, actor=director)


def test_valid_letter_shows_name_organisation_and_term(client, letter):
    response = client.get(URL, {"number": letter.number})
    page = response.content.decode()
    assert response.status_code == 200
    assert "该聘书真实有效" in page
    assert letter.expert.real_name in page
    assert letter.expert.organisation in page
    assert letter.end.strftime("%Y-%m-%d") in page


def test_contact_details_are_never_shown(client, letter):
    page = client.get(URL, {"number": letter.number}).content.decode()
    assert letter.expert.phone not in page
    assert letter.expert.email not in page


def test_number_in_the_path_and_typed_loosely(client, letter):
    by_path = client.get(reverse("appointments:verify_number", args=[letter.number]))
    assert "该聘书真实有效" in by_path.content.decode()
    loose = letter.number.replace("〔", " [").replace("〕", "] ")
    assert "该聘书真实有效" in client.get(URL, {"number": loose}).content.decode()


def test_expired_letter(client):
    letter = AppointmentLetterFactory(
        start=datetime.date(2020, 1, 1), end=datetime.date(2022, 12, 31)
    )
    page = client.get(URL, {"number": letter.number}).content.decode()
    assert "聘期已届满" in page
    assert "该聘书真实有效" not in page


def test_revoked_letter(client, letter, director):
    services.letter_revoke(letter=letter, actor=director, reason="内部原因")
    page = client.get(URL, {"number": letter.number}).content.decode()
    assert "已被撤销" in page
    assert "该聘书真实有效" not in page


def test_renewed_letter_points_to_its_renewal(client, letter, director):
    renewal = services.letter_renew(letter=letter, actor=director)
    page = client.get(URL, {"number": letter.number}).content.decode()
    assert renewal.number in page


@pytest.mark.parametrize(
    "number",
    [
        "吉专服聘〔2026〕第9999号",
        "x" * 5000,
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "%00",
    ],
)
def test_unknown_numbers_say_not_found(client, letter, number):
    response = client.get(URL, {"number": number})
    page = response.content.decode()
    assert response.status_code == 404
    assert "未查到该编号的聘书" in page
    assert "<script>alert(1)" not in page
    assert letter.expert.real_name not in page


def test_unknown_number_in_the_path(client):
    response = client.get(URL + quote("<b>假的</b>") + "/")
    assert response.status_code == 404
    assert "未查到该编号的聘书" in response.content.decode()


def test_empty_query_shows_the_form(client):
    response = client.get(URL, {"number": "   "})
    assert response.status_code == 200
    assert "未查到" not in response.content.decode()
    assert 'name="number"' in response.content.decode()
