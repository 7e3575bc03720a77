"""The expert's own letters and assessments on his account page."""

import pytest
from django.urls import reverse

from appointments import services
from tests.factories.appointments import AppointmentLetterFactory, AssessmentFactory
from tests.factories.stations import ExpertFactory

pytestmark = pytest.mark.django_db

URL = "/accounts/letters/"


def test_expert_sees_his_letters_and_assessments(client, director, station_expert):
    letter = services.letter_issue(expert=station_expert, actor=director)
    AssessmentFactory(expert=station_expert, comment="答复及时")
    others = AppointmentLetterFactory(expert=ExpertFactory())
    AssessmentFactory(expert=others.expert, comment="别人的评语")
    client.force_login(station_expert.user)
    page = client.get(URL).content.decode()
    assert letter.number in page
    assert reverse("appointments:pdf", args=[letter.pk]) in page
    assert "答复及时" in page
    assert others.number not in page
    assert "别人的评语" not in page


def test_expert_without_letters_sees_empty_states(client, station_expert):
    client.force_login(station_expert.user)
    page = client.get(URL).content.decode()
    assert "暂无聘书" in page
    assert "暂无考核" in page


def test_non_expert_is_told_and_anonymous_must_log_in(client, enterprise):
    assert client.get(URL).status_code == 302
    client.force_login(enterprise.user)
    assert "只有专家才有聘书" in client.get(URL).content.decode()
