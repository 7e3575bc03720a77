"""Apply the Whoosh index's queued updates (safe to run from cron, e.g. each minute).

Updates are queued when a save finds the index locked; a task and a background
retry normally apply them within seconds. This command is the fallback for a
worker that died before doing so.
"""

from django.core.management.base import BaseCommand
from modelsearch.backends import get_search_backends_with_name
from whoosh.index import LockError

from search.backends.whoosh import WhooshSearchBackend


class Command(BaseCommand):
    help = "Apply the search index updates queued while the index was locked."

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout",
            type=float,
            default=30.0,
            help="Seconds to wait for the index lock (default 30).",
        )

    def handle(self, *args, timeout: float, **options):
        for name, backend in get_search_backends_with_name():
            if not isinstance(backend, WhooshSearchBackend):
                continue
            store = backend.store
            if store.rebuild_elsewhere():
                # The rebuild applies the queue when it finishes.
                self.stdout.write(f"{name}: a rebuild is running, queue left to it")
                continue
            try:
                applied = store.flush(timeout=timeout)
            except LockError:
                self.stderr.write(f"{name}: index still locked, updates stay queued")
                continue
            self.stdout.write(f"{name}: {applied} queued update(s) applied")
