"""Answer screening (Art. 14) by station: a city clerk screens the answers to
his station's enterprises' problems; the provincial station screens all."""

import pytest
from django.urls import reverse

from qa import services
from qa.models import Answer, ScreeningStatus
from tests.factories.qa import ProblemFactory
from tests.factories.stations import EnterpriseFactory

QUEUE = reverse("qa_screening:queue")
CHECKS = reverse("qa_check:queue")


@pytest.fixture
def answers(network, expert):
    made = {}
    for name, station in [("jilin", network.jilin), ("siping", network.siping)]:
        problem = ProblemFactory(enterprise=EnterpriseFactory(station=station))
        made[name] = services.answer_create(
            problem=problem, user=expert.user, text=f"{station.name}的解答建议。"
        )
    return made


def _queued(client):
    return {answer.pk for answer in client.get(QUEUE).context["page"]}


def test_city_clerk_screens_only_his_stations_answers(client, network, answers):
    client.force_login(network.jilin_clerk)
    assert _queued(client) == {answers["jilin"].pk}
    other = answers["siping"]
    response = client.post(
        reverse("qa_screening:decide", args=[other.pk]),
        {f"a{other.pk}-decision": "approve", f"a{other.pk}-quality_score": 4},
    )
    assert response.status_code == 404
    assert Answer.objects.get(pk=other.pk).screening == ScreeningStatus.PENDING


def test_provincial_staff_screen_all(client, network, answers):
    client.force_login(network.director)
    assert _queued(client) == {answers["jilin"].pk, answers["siping"].pk}


def test_city_clerk_checks_only_his_stations_problems(client, network):
    ours = ProblemFactory(
        enterprise=EnterpriseFactory(station=network.jilin), clerk=None
    )
    theirs = ProblemFactory(
        enterprise=EnterpriseFactory(station=network.siping), clerk=None
    )
    client.force_login(network.jilin_clerk)
    shown = {problem.pk for problem in client.get(CHECKS).context["page"]}
    assert ours.pk in shown and theirs.pk not in shown
    response = client.post(
        reverse("qa_check:decide", args=[theirs.pk]), {f"p{theirs.pk}-decision": "open"}
    )
    assert response.status_code == 404


def test_city_clerk_chases_only_his_stations_unanswered_problems(client, network):
    ours = ProblemFactory(enterprise=EnterpriseFactory(station=network.jilin))
    theirs = ProblemFactory(enterprise=EnterpriseFactory(station=network.siping))
    client.force_login(network.jilin_clerk)
    page = client.get(reverse("qa_unanswered:queue"))
    shown = {problem.pk for problem in page.context["page"]}
    assert ours.pk in shown and theirs.pk not in shown
    invite = client.post(reverse("qa_unanswered:invite", args=[theirs.pk]))
    assert invite.status_code == 404
