"""The year's public figures (Art. 4, 20): open and transparent, no personal amounts."""

import datetime
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from stations import selectors
from stations.models import (
    ExcellentExpertMember,
    ExpertProfile,
    RewardEntry,
    RewardKind,
)

CENT = Decimal("0.01")
#: The rules came into force on 1 January 2014 (Art. 21).
FIRST_YEAR = 2014


class BadYear(ValueError):
    """The requested year is not a year the station has figures for."""


def transparency_year(value: str | int | None) -> int:
    """A valid year from user input: the current year when empty."""
    this_year = timezone.localdate().year
    if value in (None, ""):
        return this_year
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise BadYear(
            _("The year must be a number, e.g. %(year)d.") % {"year": this_year}
        ) from None
    if not FIRST_YEAR <= year <= this_year:
        raise BadYear(
            _("The year must be between %(first)d and %(last)d.")
            % {"first": FIRST_YEAR, "last": this_year}
        )
    return year


def _monthly(year: int) -> list[dict]:
    """Problems posted and solved in each month of the year."""
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    tz = selectors.local_tz()
    problems = selectors.problems_with_first_answer()
    posted = dict(
        problems.filter(selectors.in_period("created_at", start, end))
        .annotate(month=TruncMonth("created_at", tzinfo=tz))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    solved = dict(
        problems.filter(selectors.in_period("solved_at", start, end), status="solved")
        .annotate(month=TruncMonth("solved_at", tzinfo=tz))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    posted = {m.astimezone(tz).month: n for m, n in posted.items()}
    solved = {m.astimezone(tz).month: n for m, n in solved.items()}
    return [
        {"month": month, "posted": posted.get(month, 0), "solved": solved.get(month, 0)}
        for month in range(1, 13)
    ]


def public_year_figures(*, year: int) -> dict:
    """Everything the transparency page and the public API show for one year."""
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    resolution = selectors.problem_resolution(start=start, end=end)
    experts_by_field = list(
        ExpertProfile.objects.filter(status=ExpertProfile.Status.VERIFIED)
        .exclude(expertise=None)
        .order_by()
        .values("expertise__name")
        .annotate(experts=Count("pk", distinct=True))
        .order_by("-experts", "expertise__name")
    )
    granted = {
        row["kind"]: row
        for row in RewardEntry.objects.filter(
            event_date__gte=start,
            event_date__lt=end,
            status__in=[RewardEntry.Status.APPROVED, RewardEntry.Status.PAID],
        )
        .order_by()
        .values("kind")
        .annotate(count=Count("pk"), total=Sum("amount"))
    }
    members = ExcellentExpertMember.objects.filter(list__year=year).select_related(
        "expert"
    )
    return {
        "year": year,
        "experts": ExpertProfile.objects.filter(
            status=ExpertProfile.Status.VERIFIED
        ).count(),
        "experts_by_field": [
            {"field": row["expertise__name"], "experts": row["experts"]}
            for row in experts_by_field
        ],
        "problems": {
            "posted": resolution["new"],
            "answered": resolution["answered"],
            "solved": resolution["solved"],
            "solved_online": resolution["solved_online"],
            "solved_on_site": resolution["solved_on_site"],
            "solved_fair": resolution["solved_fair"],
        },
        "median_hours_to_first_answer": resolution["median_hours_to_first_answer"],
        "median_hours_to_solution": resolution["median_hours_to_solution"],
        "rewards": [
            {
                "kind": kind.value,
                "label": str(kind.label),
                "count": granted.get(kind, {}).get("count", 0),
                "total": str(
                    Decimal(granted.get(kind, {}).get("total") or 0).quantize(CENT)
                ),
            }
            for kind in RewardKind
        ],
        "excellent_experts": [
            {
                "rank": member.rank,
                "name": member.expert.real_name,
                "organisation": member.expert.organisation,
            }
            for member in members.order_by("rank")
        ],
        "monthly": _monthly(year),
    }
