"""The periodic reconcile makes the index match the database, the source of truth,
whatever was lost: a document removed behind the backend's back, a stale one, an
orphan, an update lost with a killed worker."""

import io
import multiprocessing
import os
import signal

import pytest
from django.core.management import call_command
from wagtail.search.backends import get_search_backend
from whoosh.filedb.filestore import FileStorage

from qa.models import Problem
from search.backends._documents import build_document, build_schema
from search.backends._store import INDEXNAME, IndexStore
from search.reconcile import index_drift, index_matches_db, reconcile
from tests.factories.qa import ProblemFactory


def found(word: str) -> list[int]:
    return [p.pk for p in Problem.objects.search(word)]


@pytest.mark.django_db
def test_missing_stale_and_orphan_documents_are_fixed(whoosh):
    kept = ProblemFactory(title="锅炉水垢清洗")
    lost = ProblemFactory(title="冷却塔结垢处理")
    changed = ProblemFactory(title="注塑机温控故障")
    assert index_drift(Problem).matches  # saves keep the index in step
    reconcile()  # rows created before this test's fresh index (pages, experts)
    assert index_matches_db()
    store = whoosh.store
    store.write([("delete", f"qa_problem:{lost.pk}")])  # behind the backend's back
    Problem.objects.filter(pk=changed.pk).update(title="数控机床主轴异响")
    ghost = Problem(pk=lost.pk + 1000, title="幽灵问题", enterprise=kept.enterprise)
    store.write([("update", build_document(Problem, ghost))])

    drift = index_drift(Problem)
    assert drift.missing == [str(lost.pk)]
    assert drift.stale == [str(changed.pk)]
    assert drift.orphans == [f"qa_problem:{ghost.pk}"]
    assert not index_matches_db()

    out = io.StringIO()
    call_command("reconcile_search_index", stdout=out)
    assert "qa.Problem: 1 missing, 1 stale, 1 orphans" in out.getvalue()
    assert found("冷却塔") == [lost.pk]
    assert found("主轴") == [changed.pk]
    assert found("注塑机") == []
    assert found("幽灵") == []
    assert index_matches_db()
    assert reconcile().fixed == 0  # a second run has nothing to do


@pytest.mark.django_db
def test_a_filter_field_changed_by_update_is_reindexed(whoosh):
    problem = ProblemFactory(title="锅炉水垢清洗")
    Problem.objects.filter(pk=problem.pk).update(region="jilin")
    assert index_drift(Problem).stale == [str(problem.pk)]
    reconcile([Problem])
    assert [p.pk for p in Problem.objects.filter(region="jilin").search("锅炉")] == [
        problem.pk
    ]


def write_then_die(path: str, document: dict) -> None:
    # A worker killed while writing (the lock dies with it, the update is lost).
    writer = IndexStore(path).writer()
    writer.update_document(**document)
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.django_db
def test_update_lost_with_a_killed_worker_is_restored(whoosh):
    problem = ProblemFactory(title="锅炉水垢清洗")
    # The worker committed the new title to the database, then was killed
    # before its index write was committed.
    Problem.objects.filter(pk=problem.pk).update(title="冷却塔结垢处理")
    problem.refresh_from_db()
    ctx = multiprocessing.get_context("fork")
    child = ctx.Process(
        target=write_then_die,
        args=(str(whoosh.store.path), build_document(Problem, problem)),
    )
    child.start()
    child.join(60)
    assert child.exitcode == -signal.SIGKILL
    assert found("冷却塔") == []
    assert index_drift(Problem).stale == [str(problem.pk)]

    report = reconcile()
    assert not report.queued
    assert found("冷却塔") == [problem.pk]
    assert index_matches_db()


@pytest.mark.django_db
def test_reconcile_with_the_index_locked_queues_its_fixes(whoosh):
    problem = ProblemFactory(title="锅炉水垢清洗")
    Problem.objects.filter(pk=problem.pk).update(title="冷却塔结垢处理")
    holder = whoosh.store.writer()
    try:
        report = reconcile(timeout=0.1)  # no exception
    finally:
        holder.cancel()
    assert report.queued
    whoosh.store.flush()
    assert found("冷却塔") == [problem.pk]


@pytest.mark.django_db
def test_an_index_from_before_revisions_is_upgraded_and_reconciled(settings, tmp_path):
    problem = ProblemFactory(title="锅炉水垢清洗")  # indexed elsewhere (test index)
    path = tmp_path / "old"
    path.mkdir()
    schema = build_schema()
    schema.remove("rev")
    old = FileStorage(str(path)).create_index(schema, indexname=INDEXNAME)
    document = build_document(Problem, problem)
    del document["rev"]
    with old.writer() as writer:
        writer.add_document(**document)
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.whoosh", "PATH": str(path)}
    }
    backend = get_search_backend()
    assert found("锅炉") == [problem.pk]  # kept, not recreated empty
    assert backend.store.status == "ok"
    assert index_drift(Problem).stale == [str(problem.pk)]
    reconcile([Problem])
    assert index_drift(Problem).matches
    assert found("锅炉") == [problem.pk]
