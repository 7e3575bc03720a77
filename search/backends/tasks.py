"""Retrying queued index updates through django-tasks (modelsearch's task framework).

When a write finds the index locked, the update goes to the on-disk queue and
``schedule_flush`` enqueues ``flush_search_queue_task``. A worker backend (one
that supports ``run_after``) waits a little for the lock and, if it is still
held, enqueues the task again for later. The ImmediateBackend runs the task
inside the request: it never waits there, and leaves the retry to a background
thread of this process. Either way the update stays queued until applied.
"""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone
from django_tasks import task
from whoosh.index import LockError

from ._store import IndexStore, get_store

logger = logging.getLogger("search.backends.whoosh")

#: Seconds a task run by a worker waits for the lock before trying later.
WORKER_WAIT = 10.0
#: Seconds before a worker tries again.
RETRY_AFTER = datetime.timedelta(seconds=30)


@task()
def flush_search_queue_task(path: str) -> int:
    """Apply the index's queued updates; returns how many were applied."""
    store = get_store(path)
    backend = flush_search_queue_task.get_backend()
    try:
        return store.flush(timeout=WORKER_WAIT if backend.supports_defer else 0.0)
    except LockError:
        if backend.supports_defer:
            flush_search_queue_task.using(
                run_after=timezone.now() + RETRY_AFTER
            ).enqueue(path)
        else:
            store.retry_later()
        return 0


def schedule_flush(store: IndexStore) -> None:
    """Have the queue of ``store`` applied once the index lock is free."""
    try:
        flush_search_queue_task.enqueue(str(store.path))
    except Exception:
        # No usable task backend (e.g. misconfigured TASKS): retry in-process.
        logger.exception("Could not enqueue the search queue flush task")
        store.retry_later()
