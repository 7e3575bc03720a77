"""A serving process searches once before its first visitor (search/warmup.py)."""

import logging
import runpy
import threading
from pathlib import Path

import pytest
from django.db import DatabaseError

from search import warmup
from tests.factories.qa import ProblemFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_warm_up_opens_the_index_and_its_model_sets_for_this_thread(whoosh):
    ProblemFactory(title="烘干技术难题")
    store = whoosh.store
    store._local = threading.local()  # as in a freshly started worker
    warmup.warm_up()
    local = store._local.__dict__
    assert local.get("searcher") is not None
    assert local["allowed"]  # the public problems' documents, ready for filtering


def test_warm_up_never_keeps_a_server_from_starting(monkeypatch, caplog):
    def broken(query):
        raise DatabaseError("no such table: qa_problem")

    monkeypatch.setattr(warmup, "site_searches", broken)
    with caplog.at_level(logging.WARNING, logger="search.warmup"):
        warmup.warm_up()
    assert "Search warm-up skipped" in caplog.text


def test_gunicorn_workers_warm_up_before_serving(monkeypatch):
    calls = []
    monkeypatch.setattr(warmup, "warm_up", lambda: calls.append("warmed"))
    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    hooks["post_worker_init"](worker=None)
    assert calls == ["warmed"]
