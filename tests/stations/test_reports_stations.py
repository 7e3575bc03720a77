"""Reports per station (Art. 12, 13): its expert team's answers, its enterprises'
problems; each period once per station; the staff see and are told of theirs."""

import datetime

import pytest
from django.core import mail

from stations import reports
from stations.models import StatsReport
from tests.factories.stations import EnterpriseFactory, ExpertFactory
from tests.stations.conftest import at

D = datetime.date
INDEX = "/admin/reports/stats/"


@pytest.fixture
def story(network, post, answer, clerk):
    """A Jilin City expert answers a Jilin City enterprise's problem; a Siping
    expert answers nothing."""
    jilin_expert = ExpertFactory(station=network.jilin)
    ExpertFactory(station=network.siping, real_name="四平专家")
    problem = post(at(2026, 11, 3, 9))
    problem.enterprise.station = network.jilin
    problem.enterprise.save()
    answer(problem, jilin_expert, at(2026, 11, 3, 12), screened=at(2026, 11, 3, 13))
    return jilin_expert


def _report(station, kind="monthly"):
    return StatsReport.objects.get(
        kind=kind, station=station, period_start=D(2026, 11, 1)
    )


def test_each_station_gets_its_own_report(network, story):
    reports.run_due_reports(now=at(2026, 12, 2, 1))
    jilin = _report(network.jilin)
    assert [row["name"] for row in jilin.data["experts"]] == [story.real_name]
    assert jilin.data["totals"]["submitted"] == 1
    assert jilin.data["resolution"]["new"] == 1
    siping = _report(network.siping)
    assert [row["name"] for row in siping.data["experts"]] == ["四平专家"]
    assert siping.data["totals"]["submitted"] == 0
    assert siping.data["resolution"]["new"] == 0
    province = _report(None)
    assert province.data["totals"]["submitted"] == 1
    assert len(province.data["experts"]) == 2


def test_catch_up_writes_each_period_once_per_station(network, story):
    first = reports.run_due_reports(now=at(2026, 12, 2, 1))
    # province + four stations, each with the same periods
    assert len(first) % 5 == 0
    per_station = {
        station: StatsReport.objects.filter(station=station).count()
        for station in [None, network.province, network.jilin, network.siping]
    }
    assert len(set(per_station.values())) == 1
    assert reports.run_due_reports(now=at(2026, 12, 2, 1)) == []
    again, created = reports.report_generate(
        kind="monthly", start=D(2026, 11, 1), end=D(2026, 12, 1), station=network.jilin
    )
    assert not created and again == _report(network.jilin)


def test_station_staff_are_told_of_their_stations_reports(network, story):
    reports.run_due_reports(now=at(2026, 12, 2, 1))
    to_jilin = [m for m in mail.outbox if network.jilin_clerk.email in m.to]
    assert len(to_jilin) == 1
    assert "吉林市服务站" in to_jilin[0].body and "四平市服务站" not in to_jilin[0].body
    assert network.siping_clerk.email not in to_jilin[0].to
    to_director = [m for m in mail.outbox if network.director.email in m.to]
    assert len(to_director) == 1 and "全省" in to_director[0].body


def test_report_index_is_scoped_and_filtered(client, network, story):
    reports.run_due_reports(now=at(2026, 12, 2, 1))
    client.force_login(network.jilin_clerk)
    page = client.get(INDEX)
    shown = {report.station for report in page.context["page"]}
    assert shown == {network.jilin, network.county}  # his station and the one below
    other = _report(network.siping)
    assert client.get(f"{INDEX}{other.pk}/").status_code == 404
    assert client.get(f"{INDEX}{other.pk}/export/csv/").status_code == 404
    assert client.get(f"{INDEX}{_report(network.jilin).pk}/").status_code == 200
    client.force_login(network.director)
    page = client.get(INDEX, {"station": network.siping.pk})
    assert {report.station for report in page.context["page"]} == {network.siping}
    page = client.get(INDEX, {"station": "province"})
    assert {report.station for report in page.context["page"]} == {None}


def test_enterprise_of_the_station_counts_in_its_resolution(network, post):
    problem = post(at(2026, 11, 5, 9))
    problem.enterprise.station = network.siping
    problem.enterprise.save()
    EnterpriseFactory(station=network.jilin)
    reports.run_due_reports(now=at(2026, 12, 2, 1))
    assert _report(network.siping).data["resolution"]["new"] == 1
    assert _report(network.jilin).data["resolution"]["new"] == 0
