"""Twice-weekly and monthly reports (Art. 12, 13): periods, snapshots, catch-up.

Periods are local dates in Asia/Shanghai, end exclusive. The twice-weekly period
turns on the weekdays of `XUNJIE_REPORT_WEEKDAYS` (Monday and Thursday by
default): Monday → Thursday, then Thursday → next Monday. A report is due once its
period has ended, and is generated exactly once: the database's unique constraint
on (kind, period start) decides, so two cron runs at once cannot both write it.
"""

import datetime
import logging
from collections.abc import Callable, Iterator
from smtplib import SMTPException

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from qa.models import Problem
from stations import roles, selectors
from stations.models import ReportKind, StatsReport

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


def report_data(*, kind: str, start: datetime.date, end: datetime.date) -> dict:
    """The figures of one report, computed from the data alone."""
    data = {
        "experts": selectors.expert_answer_stats(start=start, end=end),
        "totals": selectors.answer_totals(start=start, end=end),
        "quality_distribution": selectors.quality_distribution(start=start, end=end),
    }
    if kind == ReportKind.MONTHLY:
        data["answers_per_week"] = selectors.answers_per_week(start=start, end=end)
        data["resolution"] = selectors.problem_resolution(start=start, end=end)
    else:
        data["answers_per_day"] = selectors.answers_per_day(start=start, end=end)
    return data


def first_activity_day() -> datetime.date | None:
    """The local day the first problem was posted: reports start there."""
    first = Problem.objects.aggregate(first=Min("created_at"))["first"]
    return timezone.localdate(first) if first else None


def due_periods(*, kind: str, now: datetime.datetime) -> Iterator[Period]:
    """Every ended period of a kind that has no report yet, oldest first.

    Periods start after the latest existing report (or at the first activity);
    with no data at all, only the period just ended is due.
    """
    period_of = PERIOD_OF[kind]
    today = timezone.localdate(now)
    latest = StatsReport.objects.filter(kind=kind).order_by("-period_start").first()
    if latest:
        day = latest.period_end
    else:
        just_ended = period_of(today)[0] - datetime.timedelta(days=1)
        day = first_activity_day() or period_of(just_ended)[0]
    existing = set(
        StatsReport.objects.filter(kind=kind, period_start__gte=day).values_list(
            "period_start", flat=True
        )
    )
    start, end = period_of(day)
    while end <= today:
        if start not in existing:
            yield start, end
        start, end = end, period_of(end)[1]


def report_generate(
    *, kind: str, start: datetime.date, end: datetime.date
) -> tuple[StatsReport, bool]:
    """Generate and keep one period's report, unless it exists: (report, created)."""
    existing = StatsReport.objects.filter(kind=kind, period_start=start).first()
    if existing:
        return existing, False
    data = report_data(kind=kind, start=start, end=end)
    try:
        with transaction.atomic():
            report = StatsReport(
                kind=kind, period_start=start, period_end=end, data=data
            )
            report.full_clean(validate_constraints=False)
            report.save()
    except IntegrityError:
        return StatsReport.objects.get(kind=kind, period_start=start), False
    return report, True


def staff_emails() -> list[str]:
    """The clerks' and the director's e-mail addresses."""
    return sorted(
        {
            email
            for email in Group.objects.filter(
                name__in=[roles.CLERK, roles.DIRECTOR], user__is_active=True
            ).values_list("user__email", flat=True)
            if email
        }
    )


def report_notify(*, reports: list[StatsReport]) -> int:
    """One e-mail to the clerks and the director listing the new reports."""
    recipients = staff_emails()
    if not reports or not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        lines = []
        for report in reports:
            totals = report.data.get("totals", {})
            lines.append(
                _(
                    "%(kind)s, %(start)s to %(end)s: %(submitted)d answers "
                    "submitted, %(approved)d approved, %(rejected)d rejected."
                )
                % {
                    "kind": report.get_kind_display(),
                    "start": report.period_start.isoformat(),
                    "end": (report.period_end - datetime.timedelta(1)).isoformat(),
                    "submitted": totals.get("submitted", 0),
                    "approved": totals.get("approved", 0),
                    "rejected": totals.get("rejected", 0),
                }
            )
        link = _("See them in the station admin: %(url)s") % {
            "url": settings.WAGTAILADMIN_BASE_URL + "/admin/reports/stats/"
        }
        heading = _("New statistics reports have been generated:")
        body = "\n".join([heading, "", *lines, "", link])
        subject = _("[Xunjie] %(count)d new statistics reports") % {
            "count": len(reports)
        }
    try:
        return send_mail(subject, body, None, recipients)
    except (OSError, SMTPException):
        # The reports are kept already; a mail server outage must not undo them.
        logger.exception("Could not e-mail the staff about new reports")
        return 0


def run_due_reports(
    *, now: datetime.datetime | None = None, progress=lambda message: None
) -> list[StatsReport]:
    """Generate every missed report of every kind, once each; notify staff."""
    now = now or timezone.now()
    created = []
    for kind in (ReportKind.TWICE_WEEKLY, ReportKind.MONTHLY):
        for start, end in list(due_periods(kind=kind, now=now)):
            report, new = report_generate(kind=kind, start=start, end=end)
            if new:
                created.append(report)
                progress(f"{kind} {start} – {end}: generated")
    report_notify(reports=created)
    return created


def report_health(*, now: datetime.datetime | None = None) -> dict[str, dict]:
    """Per kind: the last report generated and whether a period is overdue."""
    now = now or timezone.now()
    health = {}
    for kind in (ReportKind.TWICE_WEEKLY, ReportKind.MONTHLY):
        last = StatsReport.objects.filter(kind=kind).order_by("-generated_at").first()
        # A period just ended waits for the next hourly run; a whole day late
        # means the scheduler is not running.
        today = timezone.localdate(now)
        missed = next(
            (p for p in due_periods(kind=kind, now=now) if p[1] < today), None
        )
        health[kind] = {"label": ReportKind(kind).label, "last": last, "missed": missed}
    return health
