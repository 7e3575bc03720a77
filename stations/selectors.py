"""Statistics of the station (Art. 12, 13): reads only, aggregated in the database.

A period is a pair of local dates [start, end) in Asia/Shanghai; every figure of a
period is computed from the timestamps of the events themselves (answer submitted,
answer screened, problem posted, solved, referred), so a report can be recomputed
from the data and gives the same numbers.
"""

import datetime
import statistics
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Avg,
    BigIntegerField,
    CharField,
    Count,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, TruncDate, TruncWeek

from qa.models import (
    Answer,
    Problem,
    ProblemEvent,
    ProblemStatus,
    ScreeningStatus,
    SolutionKind,
)
from stations.models import ExpertProfile, Station

S = ProblemStatus
#: Statuses of a problem still waiting for its solution.
OPEN_STATUSES = [S.SUBMITTED, S.OPEN, S.ANSWERED]
#: Age buckets of still-open problems at the end of a period: (key, min, max) days.
AGE_BUCKETS = [
    ("under_7_days", 0, 7),
    ("7_to_30_days", 7, 30),
    ("over_30_days", 30, None),
]


def local_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def day_start(day: datetime.date) -> datetime.datetime:
    """Midnight of a local day, as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=local_tz())


def in_period(field: str, start: datetime.date, end: datetime.date) -> Q:
    return Q(**{f"{field}__gte": day_start(start), f"{field}__lt": day_start(end)})


def _hours(delta: datetime.timedelta) -> float:
    return delta.total_seconds() / 3600


def _median_hours(pairs) -> float | None:
    """Median of (earlier, later) pairs in hours; the durations come from the DB."""
    durations = [_hours(later - earlier) for earlier, later in pairs if later]
    return round(statistics.median(durations), 1) if durations else None


def round_or_none(value, digits: int = 2):
    return None if value is None else round(float(value), digits)


def answers(station: Station | None = None) -> QuerySet[Answer]:
    """Top-level answers (not thread replies) on problems, with the problem's date;
    with a station, only the answers of its expert team."""
    problem_ct = ContentType.objects.get_for_model(Problem)
    posted = Problem.objects.filter(
        pk=Cast(OuterRef("object_pk"), BigIntegerField())
    ).values("created_at")[:1]
    # No default ordering: its columns would split every GROUP BY.
    result = (
        Answer.objects.filter(content_type=problem_ct, level=0)
        .order_by()
        .annotate(problem_posted=Subquery(posted))
    )
    if station is not None:
        result = result.filter(user__expert_profile__station=station)
    return result


def problems_with_first_answer(station: Station | None = None) -> QuerySet[Problem]:
    """Posted problems (no drafts), each with the time of its first answer; with a
    station, only its enterprises' problems."""
    problem_ct = ContentType.objects.get_for_model(Problem)
    first = (
        Answer.objects.filter(
            content_type=problem_ct,
            level=0,
            object_pk=Cast(OuterRef("pk"), CharField()),
        )
        .order_by("submit_date")
        .values("submit_date")[:1]
    )
    problems = Problem.objects.exclude(status=S.DRAFT)
    if station is not None:
        problems = problems.filter(enterprise__station=station)
    return problems.order_by().annotate(first_answer_at=Subquery(first))


def expert_answer_stats(
    *, start: datetime.date, end: datetime.date, station: Station | None = None
) -> list[dict]:
    """Per expert: answers submitted, approved, rejected, average quality,
    accepted solutions and median first-response time in the period (Art. 12).

    Every verified expert is listed, with zeros when he did nothing; experts no
    longer verified appear only if they had activity in the period. With a
    station, only the experts of its team.
    """
    submitted = in_period("submit_date", start, end)
    screened = in_period("screened_at", start, end)
    rows = {
        row["user_id"]: row
        for row in answers(station)
        .filter(submitted | screened)
        .values("user_id")
        .annotate(
            submitted=Count("pk", filter=submitted),
            approved=Count(
                "pk", filter=screened & Q(screening=ScreeningStatus.APPROVED)
            ),
            rejected=Count(
                "pk", filter=screened & Q(screening=ScreeningStatus.REJECTED)
            ),
            average_quality=Avg(
                "quality_score",
                filter=screened & Q(screening=ScreeningStatus.APPROVED),
            ),
        )
    }
    solved = Problem.objects.filter(in_period("solved_at", start, end), status=S.SOLVED)
    if station is not None:
        solved = solved.filter(accepted_answer__user__expert_profile__station=station)
    accepted = dict(
        solved.exclude(accepted_answer=None)
        .order_by()
        .values("accepted_answer__user_id")
        .annotate(n=Count("pk"))
        .values_list("accepted_answer__user_id", "n")
    )
    # The expert's first answer on each problem he answered in the period.
    firsts: dict[int, list] = {}
    for user_id, posted, first in (
        answers(station)
        .filter(submitted)
        .values("user_id", "object_pk", "problem_posted")
        .annotate(first=Min("submit_date"))
        .values_list("user_id", "problem_posted", "first")
    ):
        firsts.setdefault(user_id, []).append((posted, first))
    active = set(rows) | set(accepted)
    team = ExpertProfile.objects.all()
    if station is not None:
        team = team.filter(station=station)
    experts = (
        team.filter(Q(status=ExpertProfile.Status.VERIFIED) | Q(user_id__in=active))
        .order_by("real_name", "pk")
        .values("pk", "user_id", "real_name", "organisation")
    )
    result = []
    for expert in experts:
        row = rows.get(expert["user_id"], {})
        result.append(
            {
                "expert_id": expert["pk"],
                "name": expert["real_name"],
                "organisation": expert["organisation"],
                "submitted": row.get("submitted", 0),
                "approved": row.get("approved", 0),
                "rejected": row.get("rejected", 0),
                "average_quality": round_or_none(row.get("average_quality")),
                "accepted": accepted.get(expert["user_id"], 0),
                "median_first_response_hours": _median_hours(
                    firsts.get(expert["user_id"], [])
                ),
            }
        )
    result.sort(key=lambda r: (-r["submitted"], -r["approved"], r["name"]))
    return result


def answer_totals(
    *, start: datetime.date, end: datetime.date, station: Station | None = None
) -> dict:
    """All experts together: the same counts as the per-expert table."""
    submitted = in_period("submit_date", start, end)
    screened = in_period("screened_at", start, end)
    approved = screened & Q(screening=ScreeningStatus.APPROVED)
    totals = answers(station).aggregate(
        submitted=Count("pk", filter=submitted),
        approved=Count("pk", filter=approved),
        rejected=Count("pk", filter=screened & Q(screening=ScreeningStatus.REJECTED)),
        average_quality=Avg("quality_score", filter=approved),
    )
    totals["average_quality"] = round_or_none(totals["average_quality"])
    totals["median_first_response_hours"] = _median_hours(
        answers(station)
        .filter(submitted)
        .values("user_id", "object_pk", "problem_posted")
        .annotate(first=Min("submit_date"))
        .values_list("problem_posted", "first")
    )
    return totals


def quality_distribution(
    *, start: datetime.date, end: datetime.date, station: Station | None = None
) -> dict:
    """How many answers approved in the period got each quality score 1–5."""
    counts = dict(
        answers(station)
        .filter(
            in_period("screened_at", start, end), screening=ScreeningStatus.APPROVED
        )
        .values("quality_score")
        .annotate(n=Count("pk"))
        .values_list("quality_score", "n")
    )
    return {str(score): counts.get(score, 0) for score in range(1, 6)}


def answers_per_day(
    *, start: datetime.date, end: datetime.date, station: Station | None = None
) -> dict:
    """Answers submitted on each local day of the period, zeros included."""
    counts = dict(
        answers(station)
        .filter(in_period("submit_date", start, end))
        .annotate(day=TruncDate("submit_date", tzinfo=local_tz()))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    days = (end - start).days
    return {
        (start + datetime.timedelta(d)).isoformat(): counts.get(
            start + datetime.timedelta(d), 0
        )
        for d in range(days)
    }


def answers_per_week(
    *, start: datetime.date, end: datetime.date, station: Station | None = None
) -> dict:
    """Answers submitted per week (keyed by the week's Monday) within the period."""
    rows = (
        answers(station)
        .filter(in_period("submit_date", start, end))
        .annotate(week=TruncWeek("submit_date", tzinfo=local_tz()))
        .values("week")
        .annotate(n=Count("pk"))
        .values_list("week", "n")
    )
    counts = {week.astimezone(local_tz()).date(): n for week, n in rows}
    monday = start - datetime.timedelta(days=start.weekday())
    result = {}
    while monday < end:
        result[monday.isoformat()] = counts.get(monday, 0)
        monday += datetime.timedelta(days=7)
    return result


def problem_resolution(
    *, start: datetime.date, end: datetime.date, station: Station | None = None
) -> dict:
    """Tracking of problems in the period (Art. 13): posted, answered, solved by
    kind, referred, still open at the period's end by age, median times to the
    first answer and to the solution, enterprise satisfaction.
    """
    end_at = day_start(end)
    solved = in_period("solved_at", start, end) & Q(status=S.SOLVED)
    still_open = Q(created_at__lt=end_at) & (
        Q(status__in=OPEN_STATUSES) | Q(status=S.SOLVED, solved_at__gte=end_at)
    )
    buckets = {}
    for key, low, high in AGE_BUCKETS:
        age = Q(created_at__lte=end_at - datetime.timedelta(days=low))
        if high is not None:
            age &= Q(created_at__gt=end_at - datetime.timedelta(days=high))
        buckets[key] = Count("pk", filter=still_open & age)
    problems = problems_with_first_answer(station)
    figures = problems.aggregate(
        new=Count("pk", filter=in_period("created_at", start, end)),
        answered=Count("pk", filter=in_period("first_answer_at", start, end)),
        solved_online=Count("pk", filter=solved & Q(solution_kind=SolutionKind.ONLINE)),
        solved_on_site=Count(
            "pk", filter=solved & Q(solution_kind=SolutionKind.ON_SITE)
        ),
        solved_fair=Count("pk", filter=solved & Q(solution_kind=SolutionKind.FAIR)),
        average_satisfaction=Avg("satisfaction", filter=solved),
        **buckets,
    )
    figures["solved"] = (
        figures["solved_online"] + figures["solved_on_site"] + figures["solved_fair"]
    )
    figures["average_satisfaction"] = round_or_none(figures["average_satisfaction"])
    referrals = ProblemEvent.objects.filter(
        in_period("created_at", start, end), to_status=S.REFERRED
    )
    if station is not None:
        referrals = referrals.filter(problem__enterprise__station=station)
    figures["referred"] = referrals.order_by().values("problem").distinct().count()
    figures["still_open"] = sum(figures[key] for key, _low, _high in AGE_BUCKETS)
    figures["median_hours_to_first_answer"] = _median_hours(
        problems.filter(in_period("created_at", start, end)).values_list(
            "created_at", "first_answer_at"
        )
    )
    figures["median_hours_to_solution"] = _median_hours(
        problems.filter(solved).values_list("created_at", "solved_at")
    )
    return figures
