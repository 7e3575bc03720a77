"""Forget submission keys older than 30 days (cron, daily): a repeat of a form
comes within minutes, and the table would otherwise grow with every post."""

from django.core.management.base import BaseCommand

from ops.submissions import forget_old


class Command(BaseCommand):
    help = "Delete submission keys older than 30 days."

    def handle(self, *args, **options):
        self.stdout.write(f"{forget_old()} submission key(s) forgotten")
