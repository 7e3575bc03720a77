"""`manage.py excellent_experts --year YYYY`: the year's candidate ranking (Art. 18)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ops.database import refresh_planner_statistics
from stations.excellent import COMPONENTS, excellent_ranking


class Command(BaseCommand):
    help = (
        "Print the excellent-expert candidates of a year, ranked by the published "
        "formula, with each score's components."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=timezone.localdate().year)
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, year, format, **options):
        if not 2014 <= year <= timezone.localdate().year:
            raise CommandError(f"--year must be between 2014 and this year: {year}")
        refresh_planner_statistics()
        ranking = excellent_ranking(year=year)
        if format == "json":
            self.stdout.write(json.dumps(ranking, ensure_ascii=False, indent=2))
            return
        if not ranking:
            self.stdout.write(f"No candidates in {year}.")
            return
        self.stdout.write("rank  score     " + "  ".join(COMPONENTS) + "  expert")
        for row in ranking:
            parts = [str(row["components"][key]) for key in COMPONENTS]
            mark = "*" if row["selected"] else ("x" if row["excluded"] else " ")
            self.stdout.write(
                f"{row['rank']:>3}{mark}  {row['score']:>8.3f}  "
                + "  ".join(parts)
                + f"  {row['name']} ({row['organisation']})"
            )
        self.stdout.write("* selected  x excluded by the director")
