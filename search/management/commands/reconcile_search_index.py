"""Make the Whoosh index match the database (safe to run from cron, e.g. hourly).

Re-indexes rows whose document is missing or stale, deletes documents whose row
is gone. See search/README.md, "Reconcile".
"""

from django.core.management.base import BaseCommand
from modelsearch.backends import get_search_backends_with_name

from search.backends.whoosh import WhooshSearchBackend
from search.reconcile import reconcile


class Command(BaseCommand):
    help = "Re-index missing or stale search documents and delete orphans."

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout",
            type=float,
            default=30.0,
            help="Seconds to wait for the index lock before queueing (default 30).",
        )

    def handle(self, *args, timeout: float, **options):
        for name, backend in get_search_backends_with_name():
            if not isinstance(backend, WhooshSearchBackend):
                continue
            report = reconcile(backend=backend, timeout=timeout)
            if report.skipped:
                self.stdout.write(f"{name}: skipped, {report.skipped}")
                continue
            for drift in report.drifts:
                label = drift.model._meta.label
                self.stdout.write(
                    f"{name}: {label}: {len(drift.missing)} missing, "
                    f"{len(drift.stale)} stale, {len(drift.orphans)} orphans"
                )
            if report.unknown_orphans:
                self.stdout.write(
                    f"{name}: {len(report.unknown_orphans)} documents of no "
                    "indexed row deleted"
                )
            self.stdout.write(
                f"{name}: {report.fixed} document(s) fixed in {report.seconds:.2f} s"
                + (" (index locked: fixes queued)" if report.queued else "")
            )
