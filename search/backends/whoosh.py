"""Whoosh + jieba search backend for modelsearch (Wagtail's search framework).

Configure with ``{"BACKEND": "search.backends.whoosh", "PATH": "/path/to/index"}``
in ``WAGTAILSEARCH_BACKENDS`` or ``MODELSEARCH_BACKENDS``. Options: ``LOCK_TIMEOUT``
(seconds a write waits for the index lock before queueing, default 3),
``USER_DICT`` (extra jieba dictionary file, or a list of them), ``LIMITMB``
(writer memory, default 128), ``PROCS`` (processes used by a rebuild, default 1).
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import tempfile
from typing import Any

from django.db.models import Model
from modelsearch.backends.base import BaseIndex, BaseSearchBackend
from modelsearch.index import class_is_indexed
from whoosh.writing import CLEAR

from ._documents import build_document, doc_key
from ._query import WhooshAutocompleteQueryCompiler, WhooshSearchQueryCompiler
from ._results import WhooshSearchResults
from ._store import IndexStore, get_store
from .analysis import add_user_dict, get_jieba, preanalyze
from .tasks import schedule_flush

logger = logging.getLogger("search.backends.whoosh")


def _indexable(model: type[Model]) -> bool:
    return bool(class_is_indexed(model) and model.get_search_fields())


class WhooshIndex(BaseIndex):
    """The single Whoosh index holding every indexed model's documents."""

    def __init__(self, backend: WhooshSearchBackend) -> None:
        super().__init__(backend)
        self.store: IndexStore = backend.store

    def __str__(self) -> str:
        return str(self.store.path)

    def refresh(self) -> None:
        # Commits are synchronous; searchers notice new generations by themselves.
        pass

    def reset(self) -> None:
        writer = self.store.writer()
        writer.commit(mergetype=CLEAR)

    def add_items(self, model: type[Model], items) -> None:
        if not _indexable(model):
            return
        ops = [("update", build_document(model, obj)) for obj in items]
        if ops:
            self.store.write(ops)

    def delete_item(self, item: Model) -> None:
        if item.pk is None:
            return
        self.store.write([("delete", doc_key(type(item), item.pk))])


class _RebuildingIndex(BaseIndex):
    """The index as seen by a rebuild: documents go to one long-lived writer.

    With ``PROCS`` > 1, worker processes run jieba on one chunk while this
    process writes the previous one (Whoosh itself writes in a single process).
    """

    def __init__(self, backend: WhooshSearchBackend, writer, procs: int) -> None:
        super().__init__(backend)
        self.writer = writer
        self.keys: set[str] = set()
        self.pool = None
        self.pending = None
        if procs > 1:
            context = multiprocessing.get_context("fork")
            self.pool = context.Pool(procs - 1, initializer=get_jieba)

    def __str__(self) -> str:
        return str(self.backend.store.path)

    def add_items(self, model: type[Model], items) -> None:
        if not _indexable(model):
            return
        documents = []
        for obj in items:
            document = build_document(model, obj)
            # An object listed twice (e.g. by a parent and a child model) would
            # otherwise be indexed twice: the rebuild writes a fresh segment.
            if document["key"] not in self.keys:
                self.keys.add(document["key"])
                documents.append(document)
        if self.pool is None:
            self._write(documents)
            return
        batches = [documents[i : i + 100] for i in range(0, len(documents), 100)]
        previous, self.pending = self.pending, self.pool.map_async(preanalyze, batches)
        if previous is not None:
            self._write([doc for batch in previous.get() for doc in batch])

    def _write(self, documents: list[dict]) -> None:
        for document in documents:
            self.writer.add_document(**document)

    def flush(self) -> None:
        if self.pending is not None:
            self._write([doc for batch in self.pending.get() for doc in batch])
            self.pending = None
        self.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool = None


class WhooshRebuilder:
    """Rebuilds into a new segment set; searches see the old index until the end."""

    def __init__(self, index: WhooshIndex) -> None:
        self.index = index
        self.store = index.store
        self.writer = None
        self.target: _RebuildingIndex | None = None
        self.stale: list = []

    def start(self) -> BaseIndex:
        self.writer = self.store.writer(timeout=max(60.0, self.store.lock_timeout))
        self.store.rebuilding = True
        self.store.mark_rebuild(True)
        # Updates queued before now are superseded by what the rebuild reads.
        self.stale = self.store._pending_files()
        self.target = _RebuildingIndex(
            self.index.backend, self.writer, self.index.backend.procs
        )
        return self.target

    def finish(self) -> None:
        try:
            self.target.flush()
            self.writer.commit(mergetype=CLEAR)
        finally:
            self.writer = None
            self.store.rebuilding = False
            self.store.mark_rebuild(False)
        self.store.discard_pending(self.stale)
        # Saves made during the rebuild were queued; apply them now.
        self.store.write([], queue=False)

    def __del__(self) -> None:
        if self.target is not None:
            self.target.close()
        if self.writer is not None:
            self.writer.cancel()
            self.store.rebuilding = False
            self.store.mark_rebuild(False)


class WhooshSearchBackend(BaseSearchBackend):
    """Search backend storing a Whoosh index on disk, analysed with jieba."""

    query_compiler_class = WhooshSearchQueryCompiler
    autocomplete_query_compiler_class = WhooshAutocompleteQueryCompiler
    results_class = WhooshSearchResults
    index_class = WhooshIndex
    rebuilder_class = WhooshRebuilder
    #: Index writes never fail a save: errors are logged, the database stays right.
    catch_indexing_errors = True

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__(params)
        path = params.get("PATH") or os.path.join(
            tempfile.gettempdir(), "xunjie-search-index"
        )
        user_dicts = params.get("USER_DICT") or []
        if isinstance(user_dicts, str | os.PathLike):
            user_dicts = [user_dicts]
        for user_dict in user_dicts:
            add_user_dict(user_dict)
        self.procs = int(params.get("PROCS", 1))
        self.store = get_store(
            path,
            lock_timeout=float(params.get("LOCK_TIMEOUT", 3.0)),
            limitmb=int(params.get("LIMITMB", 128)),
        )
        # An update queued while the index was locked is retried by a task.
        self.store.on_queued = functools.partial(schedule_flush, self.store)
        self._index = WhooshIndex(self)

    def get_index_for_model(self, model: type[Model]) -> WhooshIndex:
        return self._index

    def get_index_for_object(self, obj: Model) -> WhooshIndex:
        return self._index


SearchBackend = WhooshSearchBackend
