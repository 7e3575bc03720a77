"""Several writers at once lose nothing; a busy, missing or broken index never
fails a request."""

import multiprocessing
import shutil
from pathlib import Path

import pytest

from qa.models import Problem
from search.backends._store import IndexStore, get_store
from tests.factories.qa import ProblemFactory

WRITES = 40


def doc(worker: int, i: int) -> dict:
    return {
        "key": f"test_doc:{worker}-{i}",
        "pk": f"{worker}-{i}",
        "ct": "test_doc",
        "title__t": f"污水处理 第{i}号 工人{worker}",
    }


def write_many(path: str, worker: int) -> None:
    # A fresh store per process, as in a gunicorn worker; a short lock wait so
    # that some updates are queued rather than written.
    store = IndexStore(path, lock_timeout=0.01)
    for i in range(WRITES):
        store.write([("update", doc(worker, i))])


def doc_count(path: str) -> int:
    store = IndexStore(path)
    store.write([])  # applies anything still queued
    with store.index().searcher() as searcher:
        return searcher.doc_count()


def test_processes_writing_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / "ix")
    IndexStore(path).index()
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=write_many, args=(path, w)) for w in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)  # a loaded 2-core machine is slow
        assert worker.exitcode == 0
    assert doc_count(path) == 3 * WRITES


def test_a_locked_index_queues_the_update(tmp_path):
    path = str(tmp_path / "ix")
    store = IndexStore(path, lock_timeout=0.05)
    holder = store.writer()
    try:
        assert store.write([("update", doc(0, 1))]) is False
        assert store.has_pending()
    finally:
        holder.cancel()
    store.write([("update", doc(0, 2))])
    assert not store.has_pending()
    assert doc_count(path) == 2


@pytest.mark.django_db
def test_saving_while_the_index_is_locked(whoosh):
    writer = whoosh.store.writer()
    try:
        problem = ProblemFactory(title="锅炉水垢清洗")  # must not raise
    finally:
        writer.cancel()
    assert whoosh.store.has_pending()
    whoosh.store.write([])
    assert [p.pk for p in Problem.objects.search("锅炉")] == [problem.pk]


@pytest.mark.django_db
def test_a_table_of_contents_replaced_meanwhile_is_read_again(tmp_path, monkeypatch):
    # Another process's commit swaps the table of contents between listing it
    # and opening it: that is no corruption, and the index must not be cleared.
    from whoosh.filedb.filestore import FileStorage

    path = str(tmp_path / "ix")
    IndexStore(path).write([("update", doc(0, 1))])
    real_open, calls = FileStorage.open_index, []

    def open_during_a_commit(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise FileNotFoundError("_xunjie_1.toc")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(FileStorage, "open_index", open_during_a_commit)
    store = IndexStore(path)
    store.index()
    assert store.status == "ok" and len(calls) == 2
    assert doc_count(path) == 1


def test_missing_index_directory_is_recreated(whoosh):
    ProblemFactory(title="锅炉水垢清洗")
    shutil.rmtree(whoosh.store.path)
    assert list(Problem.objects.search("锅炉")) == []  # no error
    assert list(Problem.objects.search("锅炉")) == []
    assert whoosh.store.status == "created"


@pytest.mark.django_db
def test_corrupt_index_is_recreated_and_reported(whoosh):
    ProblemFactory(title="锅炉水垢清洗")
    for toc in Path(whoosh.store.path).glob("*.toc"):
        toc.write_bytes(b"not an index")
    whoosh.store.recover()
    assert list(Problem.objects.search("锅炉")) == []
    assert whoosh.store.status == "recreated"
    ProblemFactory(title="锅炉除垢")
    assert len(Problem.objects.search("锅炉")) == 1


def test_searchers_are_reused_until_the_index_changes(tmp_path):
    store = get_store(tmp_path / "ix")
    first = store.searcher()
    assert store.searcher() is first
    store.write([("update", doc(0, 1))])
    assert store.searcher() is not first
