"""Staff screens for the statistics reports (Art. 12, 13) and the year-end
excellent-expert selection (Art. 18). Views only call the stations services."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from stations import excellent, reports
from stations.charts import bar_rows
from stations.models import ExcellentExpertList, ExpertProfile, ReportKind, StatsReport
from stations.scoping import sees_all_stations, visible_stations
from stations.transparency import BadYear, transparency_year

#: the per-expert columns of a report, in export order
EXPERT_COLUMNS = [
    ("name", gettext_lazy("Expert")),
    ("organisation", gettext_lazy("Organisation")),
    ("submitted", gettext_lazy("Answers submitted")),
    ("approved", gettext_lazy("Approved")),
    ("rejected", gettext_lazy("Rejected")),
    ("average_quality", gettext_lazy("Average quality")),
    ("accepted", gettext_lazy("Accepted solutions")),
    ("median_first_response_hours", gettext_lazy("Median first response (hours)")),
]
RESOLUTION_ROWS = [
    ("new", gettext_lazy("New problems")),
    ("answered", gettext_lazy("Answered for the first time")),
    ("solved", gettext_lazy("Solved")),
    ("solved_online", gettext_lazy("Solved online")),
    ("solved_on_site", gettext_lazy("Solved on site")),
    ("solved_fair", gettext_lazy("Solved at the fair")),
    ("referred", gettext_lazy("Referred to service organisations")),
    ("still_open", gettext_lazy("Still open at the end of the period")),
    ("under_7_days", gettext_lazy("Open under 7 days")),
    ("7_to_30_days", gettext_lazy("Open 7 to 30 days")),
    ("over_30_days", gettext_lazy("Open over 30 days")),
    ("median_hours_to_first_answer", gettext_lazy("Median hours to the first answer")),
    ("median_hours_to_solution", gettext_lazy("Median hours to the solution")),
    ("average_satisfaction", gettext_lazy("Average enterprise satisfaction")),
]


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


#: the station filter's value for the province-wide reports
PROVINCE = "province"


def _reports_visible(request):
    """The province-wide reports for the provincial station's staff; each
    station's reports for the staff of that station and the stations above it."""
    kept = StatsReport.objects.select_related("station")
    if sees_all_stations(request.user):
        return kept
    return kept.filter(station__in=visible_stations(request.user))


def report_index(request):
    """Kept reports, newest first, with when the scheduler last ran."""
    _require(request, "stations.view_statsreport")
    kind = request.GET.get("kind")
    kept = _reports_visible(request).defer("data")
    if kind in ReportKind.values:
        kept = kept.filter(kind=kind)
    stations = visible_stations(request.user)
    station = request.GET.get("station") or ""
    if station == PROVINCE:
        kept = kept.filter(station=None)
    elif station.isdecimal():
        kept = kept.filter(station_id=int(station))
    page = Paginator(kept, 30).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "stations/admin/report_index.html",
        {
            "page": page,
            "health": reports.report_health(),
            "kinds": ReportKind.choices,
            "current_kind": kind,
            "stations": stations,
            "province_choice": PROVINCE if sees_all_stations(request.user) else None,
            "current_station": station,
            "page_title": _("Statistics reports"),
            "header_icon": "table",
        },
    )


def report_detail(request, pk: int):
    """One report: its tables and charts, drawn on the server."""
    _require(request, "stations.view_statsreport")
    report = get_object_or_404(_reports_visible(request), pk=pk)
    data = report.data
    series = data.get("answers_per_week") or data.get("answers_per_day") or {}
    resolution = data.get("resolution")
    context = {
        "report": report,
        "experts": data.get("experts", []),
        "totals": data.get("totals", {}),
        "answer_bars": bar_rows(series.items()),
        "answer_caption": _("Answers per week")
        if "answers_per_week" in data
        else _("Answers per day"),
        "quality_bars": bar_rows(
            (f"{score} ★", n)
            for score, n in data.get("quality_distribution", {}).items()
        ),
        "page_title": str(report),
        "header_icon": "table",
    }
    if resolution:
        context["funnel_bars"] = bar_rows(
            (label, resolution[key])
            for key, label in RESOLUTION_ROWS
            if key in ("new", "answered", "solved")
        )
        context["resolution"] = [
            (label, resolution.get(key)) for key, label in RESOLUTION_ROWS
        ]
    return TemplateResponse(request, "stations/admin/report_detail.html", context)


def _report_tables(report: StatsReport) -> list[tuple[str, list[list]]]:
    experts = [[str(label) for _key, label in EXPERT_COLUMNS]] + [
        [row.get(key) for key, _label in EXPERT_COLUMNS]
        for row in report.data.get("experts", [])
    ]
    tables = [(_("Experts"), experts)]
    resolution = report.data.get("resolution")
    if resolution:
        tables.append(
            (
                _("Resolution"),
                [[str(label), resolution.get(key)] for key, label in RESOLUTION_ROWS],
            )
        )
    return tables


def report_export(request, pk: int, fmt: str):
    """The report's tables as CSV (experts) or XLSX (one sheet per table)."""
    _require(request, "stations.view_statsreport")
    report = get_object_or_404(_reports_visible(request), pk=pk)
    name = f"{report.kind}-{report.period_start.isoformat()}"
    if report.station_id:
        name += f"-station{report.station_id}"
    tables = _report_tables(report)
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 Chinese correctly with a BOM
        writer = csv.writer(response)
        for title, rows in tables:
            writer.writerow([title])
            writer.writerows(rows)
            writer.writerow([])
        return response
    if fmt != "xlsx":
        raise Http404
    book = Workbook()
    book.remove(book.active)
    for title, rows in tables:
        sheet = book.create_sheet(str(title)[:31])
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _ranking_year(request) -> int:
    try:
        return transparency_year(request.GET.get("year") or request.POST.get("year"))
    except BadYear:
        return timezone.localdate().year


def excellent_index(request):
    """The candidate ranking of a year with each score's components."""
    _require(request, "stations.view_rewardentry")
    year = _ranking_year(request)
    approved = ExcellentExpertList.objects.filter(year=year).first()
    return TemplateResponse(
        request,
        "stations/admin/excellent.html",
        {
            "year": year,
            "years": range(timezone.localdate().year, 2013, -1),
            "ranking": excellent.excellent_ranking(year=year),
            "approved": approved,
            "members": approved.members.select_related("expert") if approved else [],
            "weights": excellent.excellent_weights(),
            "can_decide": request.user.has_perm("stations.approve_rewardentry"),
            "opens": excellent.excellent_approval_opens(year),
            "page_title": _("Excellent experts"),
            "header_icon": "pick",
        },
    )


def _back(year: int):
    return redirect(reverse("stations_excellent:index") + f"?year={year}")


@require_POST
def excellent_exclude(request):
    year = _ranking_year(request)
    pk = request.POST.get("expert", "")
    expert = get_object_or_404(ExpertProfile, pk=pk if pk.isdecimal() else None)
    try:
        excellent.excellent_exclude(
            year=year,
            expert=expert,
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request, _("%(name)s was left off the list.") % {"name": expert.real_name}
        )
    return _back(year)


@require_POST
def excellent_approve(request):
    year = _ranking_year(request)
    try:
        approved = excellent.excellent_list_approve(year=year, actor=request.user)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request,
            _("The %(year)d list of %(count)d experts is approved and published.")
            % {"year": year, "count": approved.members.count()},
        )
    return _back(year)
