"""The letter as a PDF with the Chinese text, for the expert and his station's staff."""

import datetime

import pytest
from django.urls import reverse

from appointments import services
from tests.appointments.pdftext import pdf_text
from tests.factories.stations import (
    ExpertFactory,
    StationFactory,
    UserFactory,
    join_as_clerk,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(director, station_expert):
    station_expert.real_name = "王大明"
    station_expert.organisation = "长春理工大学光电工程学院"
    station_expert.title = "研究员"
    station_expert.save()
    return services.letter_issue(
        expert=station_expert, actor=director, issued_on=datetime.date(2026, 5, 6)
    )


def _get(client, user, letter):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("appointments:pdf", args=[letter.pk]))


def test_expert_downloads_his_letter_with_the_chinese_text(client, letter):
    response = _get(client, letter.expert.user, letter)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = response.content
    assert body.startswith(b"%PDF")
    assert b"/FontFile" in body
    assert len(body) < 200_000  # a subset, not the 8 MB font
    text = pdf_text(body).replace("\n", "")
    for part in [
        "聘书",
        "王大明",
        "长春理工大学光电工程学院",
        "研究员",
        letter.number,
        "兹聘请王大明为中小微企业网上技术专家团队专家",
        "2026年5月6日至2029年5月5日",
        letter.station.name,
        "/letters/verify/",
    ]:
        assert part in text, part


def test_a_renewal_names_the_letter_it_renews(client, letter, director):
    renewal = services.letter_renew(letter=letter, actor=director)
    text = pdf_text(_get(client, renewal.expert.user, renewal).content)
    assert letter.number in text.replace("\n", "")


def test_staff_of_the_station_download(client, letter, clerk, director):
    assert _get(client, clerk, letter).status_code == 200
    assert _get(client, director, letter).status_code == 200


@pytest.mark.parametrize(
    "who", ["anonymous", "other expert", "enterprise", "city clerk"]
)
def test_others_get_not_found(client, letter, who, enterprise):
    user = {
        "anonymous": None,
        "other expert": ExpertFactory().user,
        "enterprise": enterprise.user,
        "city clerk": join_as_clerk(UserFactory(), StationFactory()),
    }[who]
    if who == "city clerk":
        from django.contrib.auth.models import Group

        from stations import roles

        user.groups.add(Group.objects.get(name=roles.CLERK))
    response = _get(client, user, letter)
    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF")
