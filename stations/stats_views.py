"""Public transparency page (Art. 4, 20) and the expert's own reward ledger."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.charts import bar_rows
from stations.models import RewardEntry
from stations.transparency import (
    FIRST_YEAR,
    BadYear,
    public_year_figures,
    transparency_year,
)


def transparency(request):
    """The year's figures for everyone; a bad `?year=` gets a clear message."""
    try:
        year = transparency_year(request.GET.get("year"))
    except BadYear as exc:
        return render(
            request,
            "stations/transparency.html",
            {"error": str(exc), "years": _years()},
            status=400,
        )
    figures = public_year_figures(year=year)
    months = [(_("Month %(m)d") % {"m": r["month"]}, r) for r in figures["monthly"]]
    return render(
        request,
        "stations/transparency.html",
        {
            "figures": figures,
            "year": year,
            "years": _years(),
            "posted_bars": bar_rows((label, r["posted"]) for label, r in months),
            "solved_bars": bar_rows((label, r["solved"]) for label, r in months),
        },
    )


def _years() -> list[int]:
    return list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))


@login_required
def my_rewards(request):
    """An expert's own ledger lines, newest first; nobody else's."""
    expert = request.user.expert_or_none
    entries = (
        RewardEntry.objects.filter(expert=expert).select_related("problem", "rule")
        if expert
        else RewardEntry.objects.none()
    )
    totals = {
        row["status"]: row["total"]
        for row in entries.order_by().values("status").annotate(total=Sum("amount"))
    }
    page = Paginator(entries, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "stations/my_rewards.html",
        {
            "is_expert": expert is not None,
            "page": page,
            "totals": [
                (label, totals.get(value))
                for value, label in RewardEntry.Status.choices
            ],
        },
    )
