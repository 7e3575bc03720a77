"""Chase problems unanswered for QA_UNANSWERED_DAYS days (Art. 8, 10).

Run daily (cron). Each run tells staff and re-announces to matching experts;
running twice on one day tells nobody twice.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from qa import selectors
from qa.announcements import chase_problem


class Command(BaseCommand):
    help = "Escalate unanswered problems to staff and re-announce them to experts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.QA_UNANSWERED_DAYS,
            help="Days without a published answer (default: QA_UNANSWERED_DAYS).",
        )

    def handle(self, *args, days: int, **options):
        problems = selectors.problems_unanswered(older_than_days=days)
        chased = sent = 0
        for problem in problems:
            sent += chase_problem(problem=problem) or 0
            chased += 1
        self.stdout.write(f"{chased} problems chased, {sent} notifications recorded")
