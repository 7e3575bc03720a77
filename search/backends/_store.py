"""The index directory: opening and recovery, shared searchers, safe writes.

Several processes (gunicorn workers, a management command) write the same
directory. Whoosh allows one writer at a time, so a write waits for the lock with
a bounded backoff; if the lock is still held, the update is put in an on-disk
queue (``<PATH>/pending``). The queue is applied by the next writer, a later
search, ``IndexStore.flush()`` (called by the backend's flush task and by
``manage.py flush_search_queue``) and a background retry in this process.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from whoosh.codec import whoosh3
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex, LockError
from whoosh.searching import Searcher
from whoosh.util import now

from ._documents import build_schema

logger = logging.getLogger("search.backends.whoosh")

INDEXNAME = "xunjie"
#: tries at reading an existing index before it counts as unreadable
OPEN_ATTEMPTS = 5
#: Fields every valid index has; an index without them is from an older layout.
REQUIRED_FIELDS = ("key", "pk", "ct", "nulls")

Op = tuple[str, Any]  # ("update", document) or ("delete", key)
#: Seconds between the background attempts to apply a queue (about 10 minutes;
#: an attempt costs a directory listing and a non-blocking lock try).
RETRY_DELAYS = (0.25,) * 8 + (1.0,) * 30 + (5.0,) * 24 + (30.0,) * 16


def _cached_reader(self, fieldname, column):
    # Whoosh caches column readers but not their absence, so while writing a
    # segment every posting of an unscored field (ID, NUMERIC) costs a stat().
    try:
        return self._readers[fieldname]
    except KeyError:
        reader = None
        if self.has_column(fieldname):
            reader = self.column_reader(fieldname, column)
        self._readers[fieldname] = reader
        return reader


whoosh3.W3PerDocReader._cached_reader = _cached_reader

_stores: dict[str, IndexStore] = {}
_stores_lock = threading.Lock()


def get_store(path: str | os.PathLike, **options: Any) -> IndexStore:
    """The process-wide store for an index directory (searchers are shared)."""
    key = os.path.abspath(os.fspath(path))
    with _stores_lock:
        store = _stores.get(key)
        if store is None:
            store = _stores[key] = IndexStore(key, **options)
        return store


class IndexStore:
    """One Whoosh index directory: open or recreate it, read it, write it safely."""

    def __init__(
        self, path: str, *, lock_timeout: float = 3.0, limitmb: int = 128
    ) -> None:
        self.path = Path(path)
        self.pending = self.path / "pending"
        self.lock_timeout = lock_timeout
        self.limitmb = limitmb
        #: "ok", "created" (was missing) or "recreated" (was unreadable).
        self.status = "unopened"
        self._ix: FileIndex | None = None
        self._generation = 0
        self._open_lock = threading.RLock()
        self._local = threading.local()
        self._last_drain_check = 0.0
        #: Set while a rebuild in this process holds the write lock.
        self.rebuilding = False
        #: Called (without arguments) after an update was queued; the backend
        #: uses it to enqueue a flush task.
        self.on_queued: Callable[[], None] | None = None
        self._retry_thread: threading.Thread | None = None
        self._retry_lock = threading.Lock()

    # Opening and recovery

    def index(self) -> FileIndex:
        ix = self._ix
        if ix is None:
            with self._open_lock:
                if self._ix is None:
                    self._ix = self._open()
                    self._generation += 1
                ix = self._ix
        return ix

    def _open(self) -> FileIndex:
        self.path.mkdir(parents=True, exist_ok=True)
        storage = FileStorage(str(self.path))
        lock = storage.lock(INDEXNAME + "_CREATE")
        # Two processes must not both create (and so clear) a missing index.
        _acquire(lock.acquire, 30.0)
        try:
            if not any(self.path.glob(f"_{INDEXNAME}_*.toc")):
                logger.warning(
                    "Search index %s is missing: created empty; run "
                    "`manage.py rebuild_modelsearch_index` to fill it.",
                    self.path,
                )
                self.status = "created"
                return storage.create_index(build_schema(), indexname=INDEXNAME)
            ix = self._open_existing(storage)
            if ix is not None:
                self.status = "ok"
                return ix
            # Cleared under the writers' lock: never while another process writes.
            writelock = storage.lock(INDEXNAME + "_WRITELOCK")
            _acquire(writelock.acquire, 30.0)
            try:
                logger.error(
                    "Search index %s is unreadable: recreated empty; run "
                    "`manage.py rebuild_modelsearch_index` to fill it.",
                    self.path,
                )
                self.status = "recreated"
                return storage.create_index(build_schema(), indexname=INDEXNAME)
            finally:
                writelock.release()
        finally:
            lock.release()

    def _open_existing(self, storage: FileStorage) -> FileIndex | None:
        """The index on disk, or None when it stays unreadable.

        A commit in another process replaces the table of contents: a process
        that listed the old one just before finds it gone. That is tried again
        (a few times, briefly) before the index counts as unreadable; taking it
        for corruption at once recreated it empty under a live writer.
        """
        for attempt in range(1, OPEN_ATTEMPTS + 1):
            try:
                ix = storage.open_index(INDEXNAME)
                names = ix.schema.names()
                if any(name not in names for name in REQUIRED_FIELDS):
                    raise ValueError("index layout is out of date")
                with ix.reader() as reader:
                    reader.doc_count()
                return _add_rev_field(ix) if "rev" not in names else ix
            except Exception:
                if attempt == OPEN_ATTEMPTS:
                    logger.exception("Search index %s cannot be read", self.path)
                    return None
                time.sleep(0.05 * attempt)
        return None

    @property
    def state(self) -> tuple[int, int]:
        """Changes whenever the index does: (times opened by this process, the
        committed generation on disk)."""
        return self._generation, self.index().latest_generation()

    def recover(self) -> None:
        """Forget the open index after an error, so the next use reopens (or
        recreates) it."""
        with self._open_lock:
            self._ix = None
            self._local.__dict__.clear()

    def recreate(self) -> FileIndex:
        """Replace the index by an empty one (used by reset and on corruption)."""
        with self._open_lock:
            storage = FileStorage(str(self.path))
            self._ix = storage.create_index(build_schema(), indexname=INDEXNAME)
            self._generation += 1
            self._local.__dict__.clear()
            return self._ix

    # Reading

    def searcher(self) -> Searcher:
        """A searcher for this thread, reused between requests, refreshed if the
        index changed."""
        ix = self.index()
        local = self._local
        searcher = getattr(local, "searcher", None)
        latest = ix.latest_generation()
        if (
            searcher is None
            or local.generation != self._generation
            or local.toc != latest
        ):
            # Not searcher.refresh(): its reader reuse kept segments that a CLEAR
            # commit (rebuild) had dropped, returning every document twice.
            if searcher is not None:
                searcher.close()
            searcher = ix.searcher()
        if searcher is not getattr(local, "searcher", None):
            local.fields = frozenset(searcher.reader().indexed_field_names())
            local.allowed = {}
            local.counts = {}
            local.pk_column = None
        local.searcher = searcher
        local.generation = self._generation
        local.toc = latest
        self._maybe_drain()
        return searcher

    def allowed(self, searcher: Searcher, query) -> set[int] | None:
        """Document numbers matching a restriction (content type, filters), cached
        for this index generation; None when it lets every document through."""
        cache = self._local.__dict__.setdefault("allowed", {})
        key = (getattr(self._local, "toc", None), repr(query))
        if key not in cache:
            # Intersecting with a term that matches most documents costs a skip
            # per posting on every search; a set of document numbers is cheap.
            if len(cache) > 64:
                cache.clear()
            docs = set(searcher.docs_for_query(query))
            cache[key] = None if len(docs) == searcher.doc_count() else docs
        return cache[key]

    def match_count(self, query, restrict, count: Callable[[], int]) -> int:
        """How many documents match ``query`` within ``restrict``, counted once
        for this thread's searcher (the index unchanged): a count is a pass over
        every match, 0.1 s for a common word at 100,000 documents."""
        cache = self._local.__dict__.setdefault("counts", {})
        key = (getattr(self._local, "toc", None), repr(query), repr(restrict))
        if key not in cache:
            if len(cache) > 256:
                cache.clear()
            cache[key] = count()
        return cache[key]

    def pk_column(self, searcher: Searcher):
        """The ``pk`` column of this thread's searcher, opened once per searcher:
        opening it reads an offset per document (24 ms a search at 20,000)."""
        column = getattr(self._local, "pk_column", None)
        if column is None or getattr(self._local, "searcher", None) is not searcher:
            column = searcher.reader().column_reader("pk")
            if getattr(self._local, "searcher", None) is searcher:
                self._local.pk_column = column
        return column

    def indexed_fields(self) -> frozenset[str]:
        """Names of the fields holding terms, for this thread's searcher."""
        return getattr(self._local, "fields", frozenset())

    def _maybe_drain(self) -> None:
        # Queued updates are applied by the next write; a quiet site also gets
        # them applied here, at most every few seconds and without waiting.
        if now() - self._last_drain_check < 5.0 or self.rebuilding:
            return
        self._last_drain_check = now()
        if self.has_pending():
            with contextlib.suppress(LockError):
                self.flush(timeout=0.0)

    # Writing

    def writer(self, timeout: float | None = None, **kwargs: Any):
        """A Whoosh writer, waiting for the lock with backoff up to ``timeout``."""
        ix = self.index()
        deadline = time.monotonic() + (
            self.lock_timeout if timeout is None else timeout
        )
        delay = 0.02
        while True:
            try:
                return ix.writer(limitmb=self.limitmb, **kwargs)
            except LockError:
                if time.monotonic() + delay > deadline:
                    raise
                time.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 2, 0.5)

    def write(
        self, ops: list[Op], *, timeout: float | None = None, queue: bool = True
    ) -> bool:
        """Apply ``ops``; returns False if they were queued instead (index busy)."""
        return self._write(ops, timeout=timeout, queue=queue) is not None

    def flush(self, *, timeout: float = 0.0) -> int:
        """Apply the queued updates; returns how many were applied.

        Raises ``LockError`` if the index stays locked for ``timeout`` seconds
        (the queue is left as it is)."""
        if not self.has_pending():
            return 0
        return self._write([], timeout=timeout, queue=False) or 0

    def _write(
        self, ops: list[Op], *, timeout: float | None, queue: bool
    ) -> int | None:
        # Returns the number of queued operations applied, None if ops were queued.
        if self.rebuilding or self.rebuild_elsewhere():
            # A rebuild holds the lock for minutes: queue at once, don't wait.
            timeout = 0.0
        try:
            writer = self.writer(timeout=timeout)
        except LockError:
            if not queue:
                raise
            self.enqueue(ops)
            return None
        # Whoosh releases the index lock inside commit(); the queue lock keeps a
        # second writer from re-applying files this one has applied but not yet
        # removed (an older queued version could overwrite a newer document).
        queue_lock = FileStorage(str(self.path)).lock(INDEXNAME + "_QUEUE")
        queue_lock.acquire(True)
        try:
            queued = self._pending_files()
            try:
                pending = [op for path in queued for op in _read_ops(path)]
                _apply(writer, pending + list(ops))
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            for path in queued:
                path.unlink(missing_ok=True)
        finally:
            queue_lock.release()
        return len(pending)

    @property
    def rebuild_marker(self) -> Path:
        return self.path / "REBUILDING"

    def mark_rebuild(self, active: bool) -> None:
        """Tell other processes a rebuild holds the lock (so they queue at once)."""
        if active:
            self.rebuild_marker.write_text(str(os.getpid()))
        else:
            self.rebuild_marker.unlink(missing_ok=True)

    def rebuild_elsewhere(self) -> bool:
        try:
            pid = int(self.rebuild_marker.read_text())
        except (OSError, ValueError):
            return False
        try:
            os.kill(pid, 0)  # a marker left by a crashed rebuild is ignored
        except ProcessLookupError:
            return False
        except PermissionError:
            pass
        return True

    def enqueue(self, ops: list[Op]) -> None:
        if not ops:
            return
        self.pending.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns():020d}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        tmp = self.pending / (name + ".tmp")
        tmp.write_text(json.dumps(ops, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.pending / (name + ".json"))
        logger.info("Search index busy: %d update(s) queued in %s", len(ops), name)
        if self.on_queued is not None:
            try:
                self.on_queued()
            except Exception:
                # The update is safely on disk; the next write or search applies it.
                logger.exception("Could not schedule a flush of the search queue")

    def retry_later(self, delays: Iterable[float] = RETRY_DELAYS) -> None:
        """Apply the queue from a background thread once the lock is free
        (as Whoosh's AsyncWriter would), trying after each of ``delays``."""
        with self._retry_lock:
            if self._retry_thread is not None and self._retry_thread.is_alive():
                return
            self._retry_thread = threading.Thread(
                target=self._retry,
                args=(tuple(delays),),
                daemon=True,
                name="search-queue-retry",
            )
            self._retry_thread.start()

    def _retry(self, delays: tuple[float, ...]) -> None:
        for delay in delays:
            time.sleep(delay)
            if not self.has_pending():
                return
            try:
                self.flush(timeout=0.0)
                return
            except LockError:
                continue
            except Exception:
                logger.exception("Applying the search queue failed; it stays queued")
                return
        logger.warning(
            "Search index %s still locked; updates stay queued for "
            "`manage.py flush_search_queue`.",
            self.path,
        )

    def has_pending(self) -> bool:
        return bool(self._pending_files())

    def _pending_files(self) -> list[Path]:
        try:
            return sorted(self.pending.glob("*.json"))
        except OSError:
            return []

    def discard_pending(self, paths: Iterable[Path]) -> None:
        for path in paths:
            path.unlink(missing_ok=True)


def _read_ops(path: Path) -> list[Op]:
    try:
        return [tuple(op) for op in json.loads(path.read_text(encoding="utf-8"))]
    except (OSError, ValueError):
        logger.exception("Unreadable queued index update %s skipped", path)
        return []


def _apply(writer, ops: Iterable[Op]) -> None:
    # Only the last operation per document counts: Whoosh's update_document
    # replaces documents of earlier commits, not ones added by the same writer.
    last: dict[str, Op] = {}
    for kind, payload in ops:
        key = payload["key"] if kind == "update" else payload
        last.pop(key, None)
        last[key] = (kind, payload)
    for kind, payload in last.values():
        if kind == "update":
            writer.update_document(**payload)
        elif kind == "delete":
            writer.delete_by_term("key", payload)


def _add_rev_field(ix: FileIndex) -> FileIndex:
    # Indexes written before documents carried revisions get the stored field;
    # their documents count as stale until reindexed (e.g. by the reconcile).
    deadline = time.monotonic() + 60.0
    while True:
        try:
            writer = ix.writer()
            break
        except LockError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    writer.add_field("rev", build_schema()["rev"])
    writer.commit()
    logger.warning("Search index %s: added document revisions", ix.storage.folder)
    return ix.refresh()


def _acquire(acquire, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not acquire(False):
        if time.monotonic() > deadline:
            raise LockError("could not lock the search index for creation")
        time.sleep(0.05)
