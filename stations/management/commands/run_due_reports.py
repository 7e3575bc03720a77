"""`manage.py run_due_reports`: generate every statistics report that is due.

Safe to run every hour from cron: each period's report is written exactly once,
and a scheduler that stopped for days catches up on its next run.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from stations.reports import run_due_reports


class Command(BaseCommand):
    help = (
        "Generate the twice-weekly and monthly statistics reports whose periods "
        "have ended (Art. 12, 13), once each, and e-mail the staff."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help="Pretend it is this moment (ISO format, Asia/Shanghai), for tests.",
        )

    def handle(self, *args, now=None, **options):
        moment = None
        if now:
            try:
                moment = datetime.datetime.fromisoformat(now)
            except ValueError as exc:
                raise CommandError(f"--now: {exc}") from exc
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        created = run_due_reports(
            now=moment, progress=lambda message: self.stdout.write(f"… {message}")
        )
        self.stdout.write(
            self.style.SUCCESS(f"{len(created)} report(s) generated.")
            if created
            else "No report was due."
        )
