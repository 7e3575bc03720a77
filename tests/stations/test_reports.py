import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from stations import reports, selectors
from stations.models import StatsReport
from tests.factories.stations import ExpertFactory
from tests.stations.conftest import at

D = datetime.date


def test_twice_weekly_periods_turn_on_monday_and_thursday(settings):
    settings.XUNJIE_REPORT_WEEKDAYS = (0, 3)
    assert reports.twice_weekly_period(D(2026, 12, 1)) == (
        D(2026, 11, 30),
        D(2026, 12, 3),
    )
    assert reports.twice_weekly_period(D(2026, 12, 3)) == (
        D(2026, 12, 3),
        D(2026, 12, 7),
    )
    assert reports.twice_weekly_period(D(2026, 12, 6)) == (
        D(2026, 12, 3),
        D(2026, 12, 7),
    )


def test_report_weekdays_are_a_setting(settings):
    settings.XUNJIE_REPORT_WEEKDAYS = (1, 4)
    assert reports.twice_weekly_period(D(2026, 12, 3)) == (
        D(2026, 12, 1),
        D(2026, 12, 4),
    )


def test_month_periods_include_leap_day():
    assert reports.month_period(D(2024, 2, 29)) == (D(2024, 2, 1), D(2024, 3, 1))
    assert reports.month_period(D(2026, 12, 31)) == (D(2026, 12, 1), D(2027, 1, 1))


def test_week_spanning_a_month_end_counts_both_sides(expert, post, answer):
    # Thursday 29 January → Monday 2 February 2026.
    problem = post(at(2026, 1, 20, 9))
    answer(problem, expert, at(2026, 1, 31, 23, 30), screened=at(2026, 2, 1, 8))
    answer(problem, expert, at(2026, 2, 1, 0, 10))
    start, end = reports.twice_weekly_period(D(2026, 1, 30))
    assert (start, end) == (D(2026, 1, 29), D(2026, 2, 2))
    [row] = [
        r
        for r in selectors.expert_answer_stats(start=start, end=end)
        if r["expert_id"] == expert.pk
    ]
    assert row["submitted"] == 2 and row["approved"] == 1
    january = selectors.answer_totals(start=D(2026, 1, 1), end=D(2026, 2, 1))
    february = selectors.answer_totals(start=D(2026, 2, 1), end=D(2026, 3, 1))
    assert january["submitted"] == 1 and february["submitted"] == 1
    assert january["approved"] == 0 and february["approved"] == 1


def test_local_midnight_decides_the_day(expert, post, answer):
    problem = post(at(2026, 3, 1, 9))
    # 23:59 in Shanghai is still 2 March there, though already 15:59 UTC.
    answer(problem, expert, at(2026, 3, 2, 23, 59))
    days = selectors.answers_per_day(start=D(2026, 3, 2), end=D(2026, 3, 5))
    assert days == {"2026-03-02": 1, "2026-03-03": 0, "2026-03-04": 0}


def test_expert_stats_with_quality_acceptance_and_response_time(
    db, rules, post, answer, accept
):
    busy, idle = ExpertFactory(), ExpertFactory()
    first = post(at(2026, 3, 2, 8))
    second = post(at(2026, 3, 2, 10))
    good = answer(first, busy, at(2026, 3, 2, 10), screened=at(2026, 3, 2, 12), score=5)
    answer(second, busy, at(2026, 3, 2, 16), screened=at(2026, 3, 2, 17), score=3)
    answer(second, busy, at(2026, 3, 3, 9), screened=at(2026, 3, 3, 10), approve=False)
    accept(good, at(2026, 3, 4, 9))
    stats = {
        r["expert_id"]: r
        for r in selectors.expert_answer_stats(start=D(2026, 3, 2), end=D(2026, 3, 5))
    }
    assert stats[busy.pk]["submitted"] == 3
    assert stats[busy.pk]["approved"] == 2
    assert stats[busy.pk]["rejected"] == 1
    assert stats[busy.pk]["average_quality"] == 4.0
    assert stats[busy.pk]["accepted"] == 1
    # first answers after 2 h and 6 h: median 4 h
    assert stats[busy.pk]["median_first_response_hours"] == 4.0
    assert stats[idle.pk] == stats[idle.pk] | {
        "submitted": 0,
        "approved": 0,
        "rejected": 0,
        "average_quality": None,
        "accepted": 0,
        "median_first_response_hours": None,
    }


def test_monthly_resolution_tracking(db, rules, expert, post, answer, accept):
    old = post(at(2026, 1, 10, 9))  # open 21+ days at the end of February
    fresh = post(at(2026, 2, 26, 9))  # open under 7 days
    solved = post(at(2026, 2, 2, 9))
    reply = answer(solved, expert, at(2026, 2, 2, 21), screened=at(2026, 2, 3, 9))
    accept(reply, at(2026, 2, 4, 9), satisfaction=4)
    month = selectors.problem_resolution(start=D(2026, 2, 1), end=D(2026, 3, 1))
    assert month["new"] == 2
    assert month["answered"] == 1
    assert month["solved_online"] == 1 and month["solved"] == 1
    assert month["under_7_days"] == 1 and month["7_to_30_days"] == 0
    assert month["over_30_days"] == 1  # posted 10 January: 50 days at 1 March
    assert month["still_open"] == 2
    assert month["median_hours_to_first_answer"] == 12.0
    assert month["median_hours_to_solution"] == 48.0
    assert month["average_satisfaction"] == 4.0
    assert old.pk and fresh.pk


def test_catch_up_generates_each_missed_period_once(db, expert, post, settings):
    post(at(2026, 11, 3, 9))  # first activity: Tuesday 3 November
    now = at(2026, 12, 3, 12)
    created = reports.run_due_reports(now=now)
    province = StatsReport.objects.filter(station=None)
    weekly = province.filter(kind="twice_weekly").order_by("period_start")
    assert weekly.first().period_start == D(2026, 11, 2)
    assert weekly.last().period_end == D(2026, 12, 3)
    assert weekly.count() == 9
    assert province.filter(kind="monthly").count() == 1
    # the same ten once more for the provincial station (the clerk's)
    assert len(created) == 20
    assert reports.run_due_reports(now=now) == []
    assert reports.run_due_reports(now=at(2026, 12, 7, 0, 30))[0].period_start == D(
        2026, 12, 3
    )
    assert province.filter(kind="twice_weekly").count() == 10


def test_report_is_reproducible_from_the_data(db, expert, post, answer):
    problem = post(at(2026, 11, 2, 9))
    answer(problem, expert, at(2026, 11, 2, 12), screened=at(2026, 11, 2, 13))
    report, created = reports.report_generate(
        kind="monthly", start=D(2026, 11, 1), end=D(2026, 12, 1)
    )
    assert created
    report.refresh_from_db()
    assert report.data == reports.report_data(
        kind="monthly", start=D(2026, 11, 1), end=D(2026, 12, 1)
    )
    again, created = reports.report_generate(
        kind="monthly", start=D(2026, 11, 1), end=D(2026, 12, 1)
    )
    assert not created and again.pk == report.pk


def test_staff_are_told_in_chinese(db, clerk, director, expert, post):
    post(at(2026, 11, 30, 9))
    reports.run_due_reports(now=at(2026, 12, 3, 1))
    [message] = mail.outbox
    assert {clerk.email, director.email} <= set(message.to)
    assert expert.email not in message.to
    assert "统计" in message.subject


def test_health_flags_a_missed_run(db, post):
    post(at(2026, 11, 2, 9))
    reports.run_due_reports(now=at(2026, 11, 20, 1))
    health = reports.report_health(now=at(2026, 11, 20, 2))
    assert health["twice_weekly"]["missed"] is None
    late = reports.report_health(now=at(2026, 11, 25, 2))
    assert late["twice_weekly"]["missed"] == (D(2026, 11, 19), D(2026, 11, 23))


def test_command_catches_up_with_now_option(db, post):
    post(at(2026, 11, 2, 9))
    province = StatsReport.objects.filter(station=None)
    call_command("run_due_reports", now="2026-11-10T12:00")
    assert province.filter(kind="twice_weekly").count() == 2
    call_command("run_due_reports", now="2026-11-10T12:00")
    assert province.count() == 2


@pytest.mark.parametrize("bad", ["yesterday", "2026-13-01"])
def test_command_refuses_a_bad_now(db, bad):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("run_due_reports", now=bad)


def test_a_kept_report_cannot_be_rewritten(db):
    from django.core.exceptions import ValidationError

    report, _created = reports.report_generate(
        kind="monthly", start=D(2026, 10, 1), end=D(2026, 11, 1)
    )
    report.data = {"totals": {"submitted": 999}}
    with pytest.raises(ValidationError):
        report.save()
    report.refresh_from_db()
    assert report.data["totals"]["submitted"] == 0


def test_mail_outage_keeps_the_reports(db, clerk, post, settings, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(reports, "send_mail", broken)
    post(at(2026, 11, 30, 9))
    created = reports.run_due_reports(now=at(2026, 12, 3, 1))
    assert created and StatsReport.objects.count() == len(created)
