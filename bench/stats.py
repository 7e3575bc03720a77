"""Time the station's statistics at the current database's size.

    XUNJIE_VAR_DIR=/tmp/perf-var .venv/bin/python bench/stats.py [--year 2026]

Prints how long a monthly report (Art. 13), a twice-weekly report (Art. 12), the
year-end excellent-expert ranking (Art. 18) and the public transparency figures take,
against the targets of issue 9 (monthly report < 5 s, ranking < 10 s). Called at the
end of bench/seed_large.py too.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: (name, target in seconds or None)
TARGETS = {
    "monthly report (November)": 5.0,
    "twice-weekly report": None,
    "excellent-expert ranking (year)": 10.0,
    "transparency figures (year)": None,
}


def _timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def report(year: int = 2026) -> list[tuple[str, float, float | None]]:
    """Run each computation once and print one table row per computation."""
    from django.db import connection

    from ops.database import refresh_planner_statistics
    from qa.models import Answer, Problem
    from stations.excellent import excellent_ranking
    from stations.models.reports import ReportKind
    from stations.reports import report_data
    from stations.transparency import public_year_figures

    refresh_planner_statistics()
    month = datetime.date(year, 11, 1)
    runs = {
        "monthly report (November)": lambda: report_data(
            kind=ReportKind.MONTHLY, start=month, end=datetime.date(year, 12, 1)
        ),
        "twice-weekly report": lambda: report_data(
            kind=ReportKind.TWICE_WEEKLY,
            start=datetime.date(year, 11, 23),
            end=datetime.date(year, 11, 26),
        ),
        "excellent-expert ranking (year)": lambda: excellent_ranking(year=year),
        "transparency figures (year)": lambda: public_year_figures(year=year),
    }
    print(
        f"Statistics on {Problem.objects.count():,} problems, "
        f"{Answer.objects.count():,} answers ({connection.vendor}):"
    )
    print(f"  {'computation':<36} {'seconds':>8}  {'target':>7}  met")
    rows = []
    for name, fn in runs.items():
        seconds, _ = _timed(fn)
        target = TARGETS[name]
        met = "" if target is None else ("yes" if seconds < target else "NO")
        shown = f"{target:.0f} s" if target else "—"
        print(f"  {name:<36} {seconds:8.2f}  {shown:>7}  {met}", flush=True)
        rows.append((name, seconds, target))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--year", type=int, default=2026)
    args = parser.parse_args()
    from bench.seed_large import open_seeded

    open_seeded()
    report(args.year)


if __name__ == "__main__":
    main()
