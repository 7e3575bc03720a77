"""An update queued while the index is locked is applied without another write:
by the flush task (django-tasks), a background retry, or the cron command."""

import io
import multiprocessing
import os
import signal
import time

import pytest
from django.core.management import call_command
from django_tasks import default_task_backend
from modelsearch.index import insert_or_update_object

from qa.models import Problem
from search.backends import tasks
from search.backends._documents import build_document
from search.backends._store import IndexStore
from tests.factories.qa import ProblemFactory


def found(title_word: str) -> list[int]:
    return [p.pk for p in Problem.objects.search(title_word)]


def wait_until(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def hold_lock(path: str, ready, release) -> None:
    # Another process (a gunicorn worker, a rebuild) holding the index lock.
    writer = IndexStore(path).writer()
    ready.set()
    release.wait(60)
    writer.cancel()


@pytest.fixture
def other_process(quick_whoosh):
    """Start/stop a child process holding the index's write lock."""
    ctx = multiprocessing.get_context("fork")
    ready, release = ctx.Event(), ctx.Event()
    child = ctx.Process(
        target=hold_lock, args=(str(quick_whoosh.store.path), ready, release)
    )
    child.start()
    assert ready.wait(30)
    yield child, release
    if child.is_alive():  # (a killed waiter would leave the event unusable)
        release.set()
        child.join(30)


@pytest.mark.django_db
def test_update_queued_behind_another_process_is_applied_once_the_lock_is_free(
    quick_whoosh, other_process
):
    child, release = other_process
    started = time.monotonic()
    problem = ProblemFactory(title="锅炉水垢清洗")  # no lock error for the user
    assert time.monotonic() - started < 10  # the request is not held up
    assert quick_whoosh.store.has_pending()
    assert found("锅炉") == []
    release.set()
    child.join(30)
    assert child.exitcode == 0
    # Nobody writes or searches meanwhile: the retry applies it on its own.
    assert wait_until(lambda: not quick_whoosh.store.has_pending())
    assert found("锅炉") == [problem.pk]


@pytest.mark.django_db
def test_queued_update_survives_the_lock_holder_being_killed(
    quick_whoosh, other_process
):
    child, _release = other_process
    problem = ProblemFactory(title="冷却塔结垢处理")
    assert quick_whoosh.store.has_pending()
    os.kill(child.pid, signal.SIGKILL)  # the lock dies with its holder
    child.join(30)
    assert wait_until(lambda: found("冷却塔") == [problem.pk])


@pytest.mark.django_db
def test_worker_task_retries_later_while_locked_then_applies(
    quick_whoosh, settings, monkeypatch
):
    problem = ProblemFactory(title="锅炉水垢清洗")
    dummy = "django_tasks.backends.dummy.DummyBackend"
    settings.TASKS = {"default": {"BACKEND": dummy}}
    monkeypatch.setattr(tasks, "WORKER_WAIT", 0.1)
    store = quick_whoosh.store
    holder = store.writer()
    try:
        problem.title = "冷却塔结垢处理"
        insert_or_update_object(problem)
        assert store.has_pending()
        [queued] = default_task_backend.results
        assert queued.task.name == "flush_search_queue_task"
        assert queued.task.call(*queued.args) == 0  # still locked
        [_, retry] = default_task_backend.results
        assert retry.task.run_after is not None  # enqueued again, for later
        assert store.has_pending()
    finally:
        holder.cancel()
    assert retry.task.call(*retry.args) == 1
    assert not store.has_pending()
    assert found("冷却塔") == [problem.pk]
    assert found("锅炉") == []


@pytest.mark.django_db
def test_flush_command_applies_the_queue_and_tolerates_a_held_lock(quick_whoosh):
    problem = ProblemFactory(title="锅炉水垢清洗")
    store = quick_whoosh.store
    holder = store.writer()
    try:
        problem.title = "冷却塔结垢处理"
        store.write([("update", build_document(Problem, problem))])
        err = io.StringIO()
        out = io.StringIO()
        call_command("flush_search_queue", timeout=0.1, stdout=out, stderr=err)
        assert "still locked" in err.getvalue()
        assert store.has_pending()
    finally:
        holder.cancel()
    out = io.StringIO()
    call_command("flush_search_queue", stdout=out)
    assert "1 queued update(s) applied" in out.getvalue()
    assert found("冷却塔") == [problem.pk]


def queue_then_die(path: str, document: dict) -> None:
    # A worker that queued an update (the index was locked), killed before any
    # retry: its background thread dies with it, the queue file stays.
    store = IndexStore(path, lock_timeout=0.01)
    assert store.write([("update", document)]) is False
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.django_db
def test_update_queued_by_a_killed_worker_is_applied_by_the_cron_command(
    quick_whoosh,
):
    problem = ProblemFactory(title="锅炉水垢清洗")
    problem.title = "冷却塔结垢处理"
    store = quick_whoosh.store
    holder = store.writer()
    try:
        ctx = multiprocessing.get_context("fork")
        child = ctx.Process(
            target=queue_then_die,
            args=(str(store.path), build_document(Problem, problem)),
        )
        child.start()
        child.join(60)
        assert child.exitcode == -signal.SIGKILL
        assert store.has_pending()
    finally:
        holder.cancel()
    out = io.StringIO()
    call_command("flush_search_queue", stdout=out)
    assert "1 queued update(s) applied" in out.getvalue()
    assert found("冷却塔") == [problem.pk]
