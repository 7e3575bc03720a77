import pytest
from django.core.management import call_command
from django.db.models import Max
from django.utils import timezone

from qa.models import Problem
from stations import excellent, reports
from stations.models import RewardEntry, StatsReport
from stations.transparency import public_year_figures


@pytest.mark.django_db(transaction=False)
def test_demo_content_gives_reports_and_a_ranking():
    call_command("load_demo")
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
