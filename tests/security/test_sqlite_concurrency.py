"""Several worker processes reading then writing one SQLite file: none fails with
"database is locked" and no update is lost (base settings' SQLite OPTIONS)."""

import importlib
import multiprocessing
import sqlite3
import sys

#: processes, and read-then-write transactions each
WORKERS = 4
ROUNDS = 25


def base_sqlite_options(monkeypatch) -> dict:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    sys.modules.pop("config.settings.base", None)
    try:
        base = importlib.import_module("config.settings.base")
    finally:
        sys.modules.pop("config.settings.base", None)
    assert base.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    return base.DATABASES["default"]["OPTIONS"]


def _worker(path: str, options: dict, errors) -> None:
    import django
    from django.conf import settings

    settings.configure(
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": path,
                "OPTIONS": options,
            }
        },
        USE_TZ=True,
    )
    django.setup()
    from django.db import connection, transaction

    try:
        for _ in range(ROUNDS):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT value FROM counter WHERE id = 1")
                (value,) = cursor.fetchone()
                cursor.execute(
                    "UPDATE counter SET value = %s WHERE id = 1", [value + 1]
                )
    except Exception as error:  # reported to the test, which fails on any
        errors.put(f"{type(error).__name__}: {error}")


def test_concurrent_read_then_write_transactions_queue_instead_of_failing(
    tmp_path, monkeypatch
):
    options = base_sqlite_options(monkeypatch)
    path = str(tmp_path / "db.sqlite3")
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)")
        db.execute("INSERT INTO counter VALUES (1, 0)")
    context = multiprocessing.get_context("spawn")
    errors = context.Queue()
    workers = [
        context.Process(target=_worker, args=(path, options, errors))
        for _ in range(WORKERS)
    ]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert found == []
    assert all(process.exitcode == 0 for process in workers)
    with sqlite3.connect(path) as db:
        (value,) = db.execute("SELECT value FROM counter").fetchone()
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    assert value == WORKERS * ROUNDS  # no lost update
    assert mode == "wal"
