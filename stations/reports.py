"""Twice-weekly and monthly reports (Art. 12, 13): periods, snapshots, catch-up.

Periods are local dates in Asia/Shanghai, end exclusive. The twice-weekly period
turns on the weekdays of `XUNJIE_REPORT_WEEKDAYS` (Monday and Thursday by
default): Monday → Thursday, then Thursday → next Monday. A report is due once its
period has ended, and is generated exactly once for the whole province and once
for each station (its expert team, its enterprises' problems): the database's
unique constraints on (kind, period start, station) decide, so two cron runs at
once cannot both write it.
"""

import datetime
import logging
from collections.abc import Callable, Iterator
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ops.database import refresh_planner_statistics
from qa.models import Problem
from stations import selectors
from stations.models import ReportKind, Station, StatsReport, User

logger = logging.getLogger(__name__)

Period = tuple[datetime.date, datetime.date]


def report_weekdays() -> list[int]:
    days = sorted(set(settings.XUNJIE_REPORT_WEEKDAYS))
    if not days or any(day not in range(7) for day in days):
        raise ValueError("XUNJIE_REPORT_WEEKDAYS must list weekdays 0–6.")
    return days


def twice_weekly_period(day: datetime.date) -> Period:
    """The twice-weekly period containing a local day."""
    days = report_weekdays()
    start = day
    while start.weekday() not in days:
        start -= datetime.timedelta(days=1)
    end = day + datetime.timedelta(days=1)
    while end.weekday() not in days:
        end += datetime.timedelta(days=1)
    return start, end


def month_period(day: datetime.date) -> Period:
    """The calendar month containing a local day."""
    start = day.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, end


PERIOD_OF: dict[str, Callable[[datetime.date], Period]] = {
    ReportKind.TWICE_WEEKLY: twice_weekly_period,
    ReportKind.MONTHLY: month_period,
}


def report_data(
    *,
    kind: str,
    start: datetime.date,
    end: datetime.date,
    station: Station | None = None,
) -> dict:
    """The figures of one report, computed from the data alone: the province's,
    or a station's (its expert team's answers, its enterprises' problems)."""
    period = {"start": start, "end": end, "station": station}
    data = {
        "experts": selectors.expert_answer_stats(**period),
        "totals": selectors.answer_totals(**period),
        "quality_distribution": selectors.quality_distribution(**period),
    }
    if kind == ReportKind.MONTHLY:
        data["answers_per_week"] = selectors.answers_per_week(**period)
        data["resolution"] = selectors.problem_resolution(**period)
    else:
        data["answers_per_day"] = selectors.answers_per_day(**period)
    return data


def first_activity_day() -> datetime.date | None:
    """The local day the first problem was posted: reports start there."""
    first = Problem.objects.aggregate(first=Min("created_at"))["first"]
    return timezone.localdate(first) if first else None


def due_periods(
    *, kind: str, now: datetime.datetime, station: Station | None = None
) -> Iterator[Period]:
    """Every ended period of a kind that has no report yet (for the province, or
    for one station), oldest first.

    Periods start after the latest existing report (or at the first activity);
    with no data at all, only the period just ended is due.
    """
    period_of = PERIOD_OF[kind]
    today = timezone.localdate(now)
    kept = StatsReport.objects.filter(kind=kind, station=station)
    latest = kept.order_by("-period_start").first()
    if latest:
        day = latest.period_end
    else:
        just_ended = period_of(today)[0] - datetime.timedelta(days=1)
        day = first_activity_day() or period_of(just_ended)[0]
    existing = set(
        kept.filter(period_start__gte=day).values_list("period_start", flat=True)
    )
    start, end = period_of(day)
    while end <= today:
        if start not in existing:
            yield start, end
        start, end = end, period_of(end)[1]


def report_generate(
    *,
    kind: str,
    start: datetime.date,
    end: datetime.date,
    station: Station | None = None,
) -> tuple[StatsReport, bool]:
    """Generate and keep one period's report (of the province or of a station),
    unless it exists: (report, created)."""
    same = StatsReport.objects.filter(kind=kind, period_start=start, station=station)
    existing = same.first()
    if existing:
        return existing, False
    data = report_data(kind=kind, start=start, end=end, station=station)
    try:
        with transaction.atomic():
            report = StatsReport(
                kind=kind,
                period_start=start,
                period_end=end,
                data=data,
                station=station,
            )
            report.full_clean(validate_constraints=False)
            report.save()
    except IntegrityError:
        return same.get(), False
    return report, True


def _staff_of(station: Station) -> list[User]:
    users = list(station.clerks.filter(is_active=True))
    if station.director_id and station.director.is_active:
        users.append(station.director)
    return users


def report_recipients(reports: list[StatsReport]) -> dict[str, list[StatsReport]]:
    """Per e-mail address, the new reports its owner is told about: a station's
    staff get their station's; the provincial station's staff also get the
    province-wide ones."""
    provincial = Station.objects.filter(level=Station.Level.PROVINCIAL).first()
    told: dict[str, list[StatsReport]] = {}
    for report in reports:
        station = report.station or provincial
        if station is None:
            continue
        for user in _staff_of(station):
            if user.email:
                told.setdefault(user.email, []).append(report)
    return told


def _report_line(report: StatsReport) -> str:
    totals = report.data.get("totals", {})
    where = report.station.name if report.station_id else _("Whole province")
    return _(
        "%(kind)s (%(where)s), %(start)s to %(end)s: %(submitted)d answers "
        "submitted, %(approved)d approved, %(rejected)d rejected."
    ) % {
        "kind": report.get_kind_display(),
        "where": where,
        "start": report.period_start.isoformat(),
        "end": (report.period_end - datetime.timedelta(1)).isoformat(),
        "submitted": totals.get("submitted", 0),
        "approved": totals.get("approved", 0),
        "rejected": totals.get("rejected", 0),
    }


def report_notify(*, reports: list[StatsReport]) -> int:
    """The staff of each station are e-mailed the list of its new reports; who
    gets the same list shares one message."""
    by_list: dict[tuple[int, ...], list[str]] = {}
    kept: dict[int, StatsReport] = {}
    for email, theirs in report_recipients(reports).items():
        key = tuple(report.pk for report in theirs)
        by_list.setdefault(key, []).append(email)
        kept.update({report.pk: report for report in theirs})
    sent = 0
    for key, recipients in by_list.items():
        with translation.override(settings.LANGUAGE_CODE):
            lines = [_report_line(kept[pk]) for pk in key]
            link = _("See them in the station admin: %(url)s") % {
                "url": settings.WAGTAILADMIN_BASE_URL + "/admin/reports/stats/"
            }
            heading = _("New statistics reports have been generated:")
            body = "\n".join([heading, "", *lines, "", link])
            subject = _("[Xunjie] %(count)d new statistics reports") % {
                "count": len(key)
            }
        try:
            sent += send_mail(subject, body, None, sorted(recipients))
        except (OSError, SMTPException):
            # The reports are kept already; a mail outage must not undo them.
            logger.exception("Could not e-mail the staff about new reports")
    return sent


def run_due_reports(
    *, now: datetime.datetime | None = None, progress=lambda message: None
) -> list[StatsReport]:
    """Generate every missed report of every kind, once each for the province and
    for each station; notify each station's staff."""
    now = now or timezone.now()
    refresh_planner_statistics()
    created = []
    for station in [None, *Station.objects.order_by("pk")]:
        for kind in (ReportKind.TWICE_WEEKLY, ReportKind.MONTHLY):
            for start, end in list(due_periods(kind=kind, now=now, station=station)):
                report, new = report_generate(
                    kind=kind, start=start, end=end, station=station
                )
                if new:
                    created.append(report)
                    progress(f"{kind} {start} – {end} {station or ''}: generated")
    report_notify(reports=created)
    return created


def report_health(*, now: datetime.datetime | None = None) -> dict[str, dict]:
    """Per kind: the last report generated and whether a period is overdue."""
    now = now or timezone.now()
    health = {}
    for kind in (ReportKind.TWICE_WEEKLY, ReportKind.MONTHLY):
        last = (
            StatsReport.objects.filter(kind=kind, station=None)
            .order_by("-generated_at")
            .first()
        )
        # A period just ended waits for the next hourly run; a whole day late
        # means the scheduler is not running.
        today = timezone.localdate(now)
        missed = next(
            (p for p in due_periods(kind=kind, now=now) if p[1] < today), None
        )
        health[kind] = {"label": ReportKind(kind).label, "last": last, "missed": missed}
    return health
