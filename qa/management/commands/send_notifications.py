"""Retry failed or waiting notifications; with --digest, send the daily digests.

Run every few minutes for retries and once a day with --digest (cron).
"""

from django.core.management.base import BaseCommand

from qa import notifications


class Command(BaseCommand):
    help = "Retry notification deliveries and send daily digests."

    def add_arguments(self, parser):
        parser.add_argument(
            "--digest", action="store_true", help="Also send the daily digests."
        )

    def handle(self, *args, digest: bool, **options):
        sent, failed = notifications.send_pending()
        self.stdout.write(f"{sent} sent, {failed} failed")
        if digest:
            count = notifications.send_digests()
            self.stdout.write(f"{count} digests sent")
