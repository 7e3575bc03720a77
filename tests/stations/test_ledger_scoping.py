"""The reward ledger by station: each station's staff see and decide their own
team's lines; the provincial station sees all and filters by station."""

import datetime

import pytest

from stations import rewards
from stations.models import RewardEntry
from tests.factories.qa import ProblemFactory
from tests.factories.stations import DirectorFactory, ExpertFactory

LEDGER = "/admin/snippets/stations/rewardentry/"


@pytest.fixture
def lines(network, online_rule, enterprise):
    made = {}
    for name, station in [("jilin", network.jilin), ("siping", network.siping)]:
        expert = ExpertFactory(station=station, real_name=f"{station.name}专家")
        made[name] = rewards.reward_entry_record(
            expert=expert,
            kind="online",
            problem=ProblemFactory(enterprise=enterprise),
            event_date=datetime.date(2026, 3, 10),
        )
    return made


@pytest.fixture
def jilin_director(network):
    return DirectorFactory(station=network.jilin)


def _shown(client):
    return {entry.pk for entry in client.get(LEDGER).context["object_list"]}


def test_city_director_sees_his_teams_lines_only(client, lines, jilin_director):
    client.force_login(jilin_director)
    assert _shown(client) == {lines["jilin"].pk}
    inspect = f"{LEDGER}inspect/{lines['siping'].pk}/"
    assert client.get(inspect).status_code == 404


def test_provincial_director_sees_all_and_filters_by_station(client, network, lines):
    client.force_login(network.director)
    assert _shown(client) == {lines["jilin"].pk, lines["siping"].pk}
    page = client.get(LEDGER, {"station": network.siping.pk})
    assert [e.pk for e in page.context["object_list"]] == [lines["siping"].pk]


def test_city_director_cannot_approve_another_stations_line(
    client, lines, jilin_director
):
    client.force_login(jilin_director)
    ids = "&".join(f"id={line.pk}" for line in lines.values())
    client.post(f"/admin/bulk/stations/rewardentry/approve_reward/?{ids}")
    assert RewardEntry.objects.get(pk=lines["jilin"].pk).status == "approved"
    assert RewardEntry.objects.get(pk=lines["siping"].pk).status == "pending"
