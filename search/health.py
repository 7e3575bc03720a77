"""Whether search finds what the database holds, and getting it back when not.

A deleted or unreadable index is recreated empty (search/backends/_store.py):
searching keeps working but finds little until the index is refilled. The
search pages ask `search_degraded()`, which compares the documents of the
problems with their rows (two counts, remembered for a minute); when the
index holds clearly fewer, the page says so and a refill starts in the
background (`reconcile`, which re-indexes only what is missing). Small gaps —
a few updates queued behind a busy lock — are the hourly reconcile's business,
not a reason to alarm readers.
"""

from __future__ import annotations

import hashlib
import logging
import threading

from django.core.cache import cache
from modelsearch.backends import get_search_backend
from whoosh.filedb.filestore import FileStorage

from config.caching import bump_generation
from qa.models import Problem
from search.backends.whoosh import WhooshSearchBackend
from search.reconcile import reconcile

logger = logging.getLogger(__name__)

#: what losing the index shows on first: every page of it is a problem. (Pages
#: are not watched: those made by migrations are only indexed by a rebuild.)
WATCHED = (Problem,)
#: below this share of its rows indexed, a model counts as lost
MIN_SHARE = 0.9
#: seconds a verdict is remembered by each worker process (at most: a change
#: of the index asks again)
CHECK_SECONDS = 60
CACHE_KEY = "search:degraded"
#: the refill lock: one refill at a time across processes
REFILL_LOCK = "REFILL"


def _whoosh() -> WhooshSearchBackend | None:
    backend = get_search_backend()
    return backend if isinstance(backend, WhooshSearchBackend) else None


def index_shortfall(backend: WhooshSearchBackend) -> list[str]:
    """Labels of the watched models with clearly fewer documents than rows."""
    short = []
    with backend.store.index().searcher() as searcher:
        for model in WATCHED:
            rows = model.get_indexed_objects().count()
            documents = searcher.doc_frequency("ct", model.indexed_get_content_type())
            if documents < rows * MIN_SHARE:
                short.append(model._meta.label)
    return short


def refill(backend: WhooshSearchBackend) -> bool:
    """Re-index what is missing, unless another process is already at it.

    Returns whether this call did the refill.
    """
    lock = FileStorage(str(backend.store.path)).lock(REFILL_LOCK)
    if not lock.acquire(blocking=False):
        return False
    try:
        report = reconcile(backend=backend)
        logger.warning(
            "Search index refilled: %d document(s) in %.1f s",
            report.fixed,
            report.seconds,
        )
        if report.fixed:
            # Pages cached while the index was empty said "nothing found".
            bump_generation()
    finally:
        lock.release()
    return True


def start_refill(backend: WhooshSearchBackend) -> threading.Thread:
    """Refill in a background thread of this process; the request goes on."""

    def run() -> None:
        from django.db import connection

        try:
            refill(backend)
        except Exception:
            logger.exception("Search index refill failed; the hourly reconcile retries")
        finally:
            connection.close()

    thread = threading.Thread(target=run, name="search-refill", daemon=True)
    thread.start()
    return thread


def search_degraded() -> bool:
    """Whether search results may be incomplete now; starts a refill if so.

    The verdict is remembered for a minute or until the index changes (a
    commit, or this process finding it gone and reopening it).
    """
    backend = _whoosh()
    if backend is None:
        return False
    opened, committed = backend.store.state
    path = hashlib.sha256(str(backend.store.path).encode()).hexdigest()[:16]
    key = f"{CACHE_KEY}:{path}:{opened}:{committed}"
    verdict = cache.get(key)
    if verdict is None:
        short = index_shortfall(backend)
        verdict = bool(short)
        cache.set(key, verdict, CHECK_SECONDS)
        if short:
            logger.error("Search index short of %s: refilling", ", ".join(short))
            start_refill(backend)
    return verdict
