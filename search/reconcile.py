"""Make the Whoosh index match the database, the source of truth.

An index update can be lost: a worker killed between its database commit and
its index write, a queued update whose file was removed, an ``.update()`` that
skipped re-indexing. ``reconcile`` compares, for every indexed model, the rows
the model indexes (primary key and a hash of the indexed columns, including any
``auto_now`` change marker) with the documents in the index (key and the stored
revision), re-indexes what is missing or stale and deletes orphans.

``index_drift(model)`` and ``index_matches_db()`` only read; tests and the load
test use them to check that the index matches the database.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Model
from django.utils.encoding import force_str
from modelsearch.backends import get_search_backend
from modelsearch.index import get_indexed_models
from whoosh.index import LockError

from search.backends._documents import (
    build_document,
    doc_key,
    fingerprint,
    fingerprint_fields,
    revision,
)
from search.backends.whoosh import WhooshSearchBackend, _indexable

#: Objects re-indexed per index commit.
CHUNK = 1000


@dataclass
class Drift:
    """How one model's documents differ from its rows."""

    model: type[Model]
    missing: list[str] = field(default_factory=list)  # pks not in the index
    stale: list[str] = field(default_factory=list)  # pks indexed with old values
    orphans: list[str] = field(default_factory=list)  # keys of deleted rows

    @property
    def matches(self) -> bool:
        return not (self.missing or self.stale or self.orphans)


@dataclass
class Report:
    """What a reconcile found and did."""

    drifts: list[Drift] = field(default_factory=list)
    unknown_orphans: list[str] = field(default_factory=list)  # of no indexed model
    queued: bool = False  # the index was locked: the fixes wait in its queue
    skipped: str = ""  # why nothing was done (a rebuild is running)
    seconds: float = 0.0

    @property
    def fixed(self) -> int:
        return sum(
            len(d.missing) + len(d.stale) + len(d.orphans) for d in self.drifts
        ) + len(self.unknown_orphans)


def _backend(backend: WhooshSearchBackend | None) -> WhooshSearchBackend:
    backend = backend or get_search_backend()
    if not isinstance(backend, WhooshSearchBackend):
        raise TypeError("reconcile works on the Whoosh backend only")
    return backend


def indexed_models() -> list[type[Model]]:
    """Every model the backend indexes."""
    return [model for model in get_indexed_models() if _indexable(model)]


def _index_snapshot(backend: WhooshSearchBackend) -> dict[str, str | None]:
    # key -> stored revision, for every live document; read before the database
    # so that a row created meanwhile shows as missing, never as an orphan.
    with backend.store.index().searcher() as searcher:
        return {
            fields["key"]: fields.get("rev")
            for fields in searcher.reader().all_stored_fields()
        }


def _db_revisions(model: type[Model]) -> dict[str, str]:
    columns = fingerprint_fields(model)
    rows = (
        model.get_indexed_objects()
        .order_by()
        .values_list("pk", *(column.attname for column in columns))
        .iterator(chunk_size=5000)
    )
    return {
        doc_key(model, row[0]): revision(model, fingerprint(columns, list(row[1:])))
        for row in rows
    }


def _drift(
    model: type[Model], snapshot: dict[str, str | None], seen: set[str] | None = None
) -> Drift:
    # ``seen`` collects the keys of every row compared, to find unclaimed keys.
    expected = _db_revisions(model)
    if seen is not None:
        seen.update(expected)
    drift = Drift(model)
    prefix = model.indexed_get_content_type() + " "
    for key, rev in expected.items():
        if key not in snapshot:
            drift.missing.append(key.rpartition(":")[2])
        elif snapshot[key] != rev:
            drift.stale.append(key.rpartition(":")[2])
    drift.orphans = [
        key
        for key, rev in snapshot.items()
        if rev is not None and rev.startswith(prefix) and key not in expected
    ]
    return drift


def index_drift(
    model: type[Model], *, backend: WhooshSearchBackend | None = None
) -> Drift:
    """Compare one model's rows with its documents (reads only)."""
    return _drift(model, _index_snapshot(_backend(backend)))


def index_matches_db(
    models: Iterable[type[Model]] | None = None,
    *,
    backend: WhooshSearchBackend | None = None,
    apply_queue: bool = True,
) -> bool:
    """Whether every indexed row has an up-to-date document and no document
    lacks its row (after applying the queued updates, unless told not to)."""
    backend = _backend(backend)
    if apply_queue:
        # Still locked: what is queued shows as drift.
        with contextlib.suppress(LockError):
            backend.store.flush(timeout=backend.store.lock_timeout)
    snapshot = _index_snapshot(backend)
    chosen = list(models) if models is not None else indexed_models()
    seen: set[str] = set()
    if not all(_drift(model, snapshot, seen).matches for model in chosen):
        return False
    return models is not None or not _unknown_keys(snapshot, chosen, seen)


def _unknown_keys(
    snapshot: dict[str, str | None], models: list[type[Model]], seen: set[str]
) -> list[str]:
    # Documents of no indexed model, or written before revisions existed and
    # matching no row (those matching a row are listed as stale instead).
    known = {model.indexed_get_content_type() for model in models}
    return [
        key
        for key, rev in snapshot.items()
        if (rev is None and key not in seen)
        or (rev is not None and rev.partition(" ")[0] not in known)
    ]


def _reindex(backend: WhooshSearchBackend, model: type[Model], pks: list[str]) -> bool:
    written = True
    for start in range(0, len(pks), CHUNK):
        objects = model.get_indexed_objects().filter(pk__in=pks[start : start + CHUNK])
        ops = [("update", build_document(model, obj)) for obj in objects]
        if ops:
            written = backend.store.write(ops) and written
    return written


def _delete_orphans(backend: WhooshSearchBackend, drift: Drift) -> bool:
    # A row may have been (re)created since the database was read: keep it.
    pks = [key.rpartition(":")[2] for key in drift.orphans]
    now_present = {
        doc_key(drift.model, force_str(pk))
        for pk in drift.model.get_indexed_objects()
        .filter(pk__in=pks)
        .values_list("pk", flat=True)
    }
    drift.orphans = [key for key in drift.orphans if key not in now_present]
    if not drift.orphans:
        return True
    return backend.store.write([("delete", key) for key in drift.orphans])


def reconcile(
    models: Iterable[type[Model]] | None = None,
    *,
    backend: WhooshSearchBackend | None = None,
    timeout: float = 30.0,
) -> Report:
    """Re-index missing and stale documents and delete orphans, so that the index
    matches the database; with ``models`` None, every indexed model."""
    started = time.monotonic()
    backend = _backend(backend)
    store = backend.store
    report = Report()
    if store.rebuild_elsewhere():
        report.skipped = "a rebuild is running"
        return report
    try:
        store.flush(timeout=timeout)
    except LockError:
        report.queued = True  # compare anyway: the fixes are queued too
    snapshot = _index_snapshot(backend)
    chosen = list(models) if models is not None else indexed_models()
    seen: set[str] = set()
    for model in chosen:
        drift = _drift(model, snapshot, seen)
        report.drifts.append(drift)
        if drift.missing or drift.stale:
            report.queued |= not _reindex(backend, model, drift.missing + drift.stale)
        if drift.orphans:
            report.queued |= not _delete_orphans(backend, drift)
    if models is None:
        report.unknown_orphans = _unknown_keys(snapshot, chosen, seen)
        if report.unknown_orphans:
            report.queued |= not store.write(
                [("delete", key) for key in report.unknown_orphans]
            )
    report.seconds = time.monotonic() - started
    return report
