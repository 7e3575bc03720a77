import pytest
from django.core.management import call_command
from django.db.models import Max
from django.utils import timezone

from qa.models import Problem
from stations import excellent, reports
from stations.models import Enterprise, ExpertProfile, RewardEntry, Station, StatsReport
from stations.scoping import station_for_region
from stations.transparency import public_year_figures


@pytest.mark.django_db(transaction=False)
def test_demo_content_gives_reports_and_a_ranking():
    call_command("load_demo")
    _assert_demo_stations()
    kept = list(StatsReport.objects.all())
    monthly = [r for r in kept if r.kind == "monthly"]
    assert monthly and any(r.kind == "twice_weekly" for r in kept)
    assert any(r.data["totals"]["submitted"] for r in kept)
    assert any(r.data["resolution"]["solved"] for r in monthly)
    assert reports.run_due_reports() == []  # the demo kept every due report
    assert RewardEntry.objects.filter(status=RewardEntry.Status.PAID).exists()
    # the demo's timeline ends shortly before the day it is loaded
    last = Problem.objects.aggregate(last=Max("solved_at"))["last"]
    year = timezone.localdate(last).year
    ranking = excellent.excellent_ranking(year=year)
    assert ranking and ranking[0]["score"] > 0
    assert sum(c["selected"] for c in ranking) == min(len(ranking), 20)
    figures = public_year_figures(year=year)
    assert figures["problems"]["posted"] > 0 and figures["experts_by_field"]


def _assert_demo_stations():
    province = Station.objects.get(level=Station.Level.PROVINCIAL)
    assert province.name == "吉林省中小企业技术专家服务站"
    assert province.director.username == "director"
    assert [u.username for u in province.clerks.all()] == ["clerk1"]
    for name, clerk in [("长春市服务站", "clerk2"), ("吉林市服务站", "clerk3")]:
        station = Station.objects.get(name=name)
        assert [u.username for u in station.clerks.all()] == [clerk]
        assert station.address and station.phone
        assert station.reports.exists()
    assert Station.objects.get(name="农安县服务站").parent.name == "长春市服务站"
    for enterprise in Enterprise.objects.all():
        assert enterprise.station == station_for_region(enterprise.region)
        assert enterprise.verified and enterprise.verified_by
    teams = {s.name: s.experts.count() for s in Station.objects.all()}
    assert not ExpertProfile.objects.filter(station=None).exists()
    assert teams[province.name] > teams["长春市服务站"] > 0
    assert teams["吉林市服务站"] > 0
