"""Load run: concurrent enterprises, experts and clerks against gunicorn.

Starts the application under gunicorn (4 workers; production settings over
plain HTTP, see bench/load_settings.py) on a fresh database: SQLite (WAL,
immediate transactions, busy timeout, as configured in config/settings/base.py)
or a new database on a PostgreSQL server. Then CLIENTS threads each walk COUNT
journeys through the web forms: the enterprise posts a problem (the form sent
twice at the same instant, as a double click does), a clerk opens it, an expert
answers (also sent twice), a clerk screens the answer, the enterprise accepts
it, a reader opens it and searches for it.

Afterwards it checks that every write is in the database exactly once, that the
search index agrees with the database, that reward entries equal accepted
solutions and that no request failed; it prints one table and exits non-zero
when a check fails.

    .venv/bin/python bench/load.py --database sqlite --clients 20 --count 5
    .venv/bin/python bench/load.py --database postgres://u:pw@127.0.0.1:54329/db

Users and their sessions are made with the ORM before gunicorn starts (no
password hashing in the run); rate limits are raised for the run through the
XUNJIE_RATELIMIT_* variables.
"""

from __future__ import annotations

import argparse
import http.client
import re
import secrets
import shutil
import socket
import statistics
import string
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.load_setup import (  # noqa: E402
    drop_database,
    make_people,
    prepare_environment,
    start_gunicorn,
)

CSRF = secrets.token_hex(16)  # a 32-character secret Django accepts as is


@dataclass
class Tally:
    """Every request's step, status and duration, from all threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    rows: list[tuple[str, int, float]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    journeys_done: int = 0
    #: the steps each journey's marker got through, as the clients saw them
    steps: dict[str, set[str]] = field(default_factory=dict)

    def add(self, step: str, status: int, seconds: float) -> None:
        with self.lock:
            self.rows.append((step, status, seconds))

    def passed(self, marker: str, step: str) -> None:
        with self.lock:
            self.steps.setdefault(marker, set()).add(step)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def letters(n: int, width: int) -> str:
    """`n` as lowercase letters: markers jieba keeps as one searchable word."""
    out = ""
    for _ in range(width):
        n, digit = divmod(n, 26)
        out = string.ascii_lowercase[digit] + out
    return out


class Client:
    """One simulated user agent: form posts with a session and the CSRF token."""

    def __init__(self, port: int, tally: Tally):
        self.port = port
        self.tally = tally

    def request(self, step, method, path, *, session=None, data=None):
        headers = {"Host": f"127.0.0.1:{self.port}"}
        cookies = [f"csrftoken={CSRF}"]
        if session:
            cookies.append(f"sessionid={session}")
        headers["Cookie"] = "; ".join(cookies)
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = CSRF
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            status, location = response.status, response.getheader("Location", "")
        except OSError as error:
            self.tally.add(step, 0, time.perf_counter() - started)
            raise RuntimeError(f"{step}: {error}") from error
        finally:
            conn.close()
        self.tally.add(step, status, time.perf_counter() - started)
        return status, location, content

    def post(self, step, path, session, data, *, marker: str):
        status, location, content = self.request(
            step, "POST", path, session=session, data=data
        )
        if status != 302:
            raise RuntimeError(f"{step} {path}: HTTP {status} {content[:200]!r}")
        self.tally.passed(marker, step)
        return location

    def post_twice(self, step, path, session, data, *, marker: str):
        """The same form sent twice at the same instant (a double click on a
        slow connection): both are answered with the one thing written."""
        data = {**data, "submission_key": str(uuid.uuid4())}
        start = threading.Barrier(2)
        results: list = [None, None]

        def send(i: int) -> None:
            start.wait()
            try:
                results[i] = self.request(
                    step, "POST", path, session=session, data=data
                )
            except RuntimeError as error:
                results[i] = (0, "", str(error).encode())

        twin = threading.Thread(target=send, args=(1,))
        twin.start()
        send(0)
        twin.join()
        for status, _location, content in results:
            if status != 302:
                raise RuntimeError(f"{step} {path}: HTTP {status} {content[:200]!r}")
        if results[0][1] != results[1][1]:
            raise RuntimeError(
                f"{step} {path}: twins went to {results[0][1]} and {results[1][1]}"
            )
        self.tally.passed(marker, step)
        return results[0][1]


#: every load problem's title starts so; the marker word follows
TITLE = "玉米深加工废水处理难题 "


def journey(client: Client, person: dict, marker: str) -> None:
    """One problem from posting to the reader's search."""
    from qa.models import Answer

    location = client.post_twice(
        "post problem",
        "/problems/new/",
        person["enterprise"],
        {
            "title": TITLE + marker,
            "description": f"玉米淀粉车间废水化学需氧量偏高，求处理工艺。编号 {marker}",
            "industry": "grain",
            "region": "changchun",
            "urgency": "normal",
            "visibility": "public",
            "contact_channels": ["site"],
            "tags": "污水处理、玉米深加工",
        },
        marker=marker,
    )
    pk = int(re.search(r"/problems/(\d+)/", location).group(1))
    client.post(
        "check",
        f"/admin/problem-check/{pk}/",
        person["clerk"],
        {f"p{pk}-decision": "open"},
        marker=marker,
    )
    client.post_twice(
        "answer",
        f"/problems/{pk}/answer/",
        person["expert"],
        {"text": f"建议采用厌氧加好氧两段生化处理。答复 {marker}"},
        marker=marker,
    )
    answer = Answer.objects.get(object_pk=str(pk), user_id=person["expert_id"])
    client.post(
        "screen",
        f"/admin/screening/{answer.pk}/",
        person["clerk"],
        {f"a{answer.pk}-decision": "approve", f"a{answer.pk}-quality_score": "4"},
        marker=marker,
    )
    client.post(
        "accept",
        f"/problems/answers/{answer.pk}/accept/",
        person["enterprise"],
        {"satisfaction": "5", "comment": "问题已解决"},
        marker=marker,
    )
    for step, path in (
        ("read", f"/problems/{pk}/"),
        ("search", f"/search/?{urlencode({'q': marker})}"),
    ):
        status, _location, content = client.request(step, "GET", path)
        if status != 200 or marker.encode() not in content:
            raise RuntimeError(f"{step} {path}: HTTP {status} without the marker")


def drive(port, people, count, tag, tally) -> float:
    from django.db import connection

    def worker(i: int) -> None:
        client = Client(port, tally)
        try:
            for j in range(count):
                marker = tag + letters(i * count + j, 3)
                try:
                    journey(client, people[i], marker)
                except Exception as error:  # counted and reported, never hidden
                    with tally.lock:
                        tally.failures.append(f"{marker}: {error}")
                else:
                    with tally.lock:
                        tally.journeys_done += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(people))]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def verify(steps: dict[str, set[str]]) -> dict[str, bool]:
    """The database and the index after the run: each write the clients saw
    succeed is there exactly once, and nothing else is."""
    from modelsearch.backends import get_search_backend

    from qa.models import Answer, Problem, ProblemStatus, ScreeningStatus
    from search.reconcile import index_matches_db
    from stations.models import RewardEntry
    from stations.models.rewards import RewardKind

    problems = {
        p.title.rsplit(" ", 1)[1]: p
        for p in Problem.objects.filter(title__startswith=TITLE)
    }
    posted = {m for m, done in steps.items() if "post problem" in done}
    once = Problem.objects.filter(title__startswith=TITLE).count() == len(problems)
    answers = Counter(
        Answer.objects.filter(
            object_pk__in=[str(p.pk) for p in problems.values()], level=0
        ).values_list("object_pk", "screening")
    )
    rewards = Counter(
        RewardEntry.objects.filter(
            kind=RewardKind.ONLINE, problem__in=problems.values()
        )
        .exclude(status=RewardEntry.Status.REVERSED)
        .values_list("problem_id", flat=True)
    )
    checks = {
        "problems once": once and set(problems) == posted,
        "answers once": True,
        "statuses": True,
        "rewards = solutions": True,
    }
    # The search app's own comparison first: it also applies the updates the
    # workers queued while the index was locked.
    index_ok = index_matches_db([Problem, Answer])
    backend = get_search_backend()
    for marker, problem in problems.items():
        done = steps.get(marker, set())
        key = str(problem.pk)
        approved = answers[(key, ScreeningStatus.APPROVED)]
        if sum(n for (pk, _s), n in answers.items() if pk == key) != int(
            "answer" in done
        ):
            checks["answers once"] = False
        solved = problem.status == ProblemStatus.SOLVED
        if solved != ("accept" in done) or approved != int("screen" in done):
            checks["statuses"] = False
        if rewards[problem.pk] != int(solved):
            checks["rewards = solutions"] = False
        found = backend.search(marker, Problem.objects.filter(status=problem.status))
        public = backend.search(marker, Answer.objects.filter(is_public=True))
        if [p.pk for p in found] != [problem.pk] or len(list(public)) != approved:
            index_ok = False
    checks["index = database"] = index_ok
    return checks


def report(args, tally: Tally, seconds: float, checks: dict[str, bool]) -> bool:
    statuses = Counter(status for _step, status, _s in tally.rows)
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    failed = sum(n for status, n in statuses.items() if status == 0 or status >= 400)
    times = sorted(s for _step, _status, s in tally.rows)
    p95 = times[int(len(times) * 0.95) - 1] if times else 0.0
    engine = "SQLite (WAL)" if args.database == "sqlite" else "PostgreSQL"
    rows = [
        ("database", engine),
        ("gunicorn workers / clients", f"{args.workers} / {args.clients}"),
        (
            "journeys done / planned",
            f"{tally.journeys_done} / {len(tally.failures) + tally.journeys_done}",
        ),
        ("requests", str(len(tally.rows))),
        ("failed requests (5xx)", f"{failed} ({server_errors})"),
        ("wall time", f"{seconds:.1f} s"),
        ("throughput", f"{len(tally.rows) / seconds:.1f} req/s" if seconds else "-"),
        (
            "latency p50 / p95",
            f"{statistics.median(times) * 1000:.0f} / {p95 * 1000:.0f} ms"
            if times
            else "-",
        ),
    ]
    rows += [(name, "ok" if ok else "FAILED") for name, ok in checks.items()]
    width = max(len(name) for name, _value in rows)
    print(f"| {'load run'.ljust(width)} | result |")
    print(f"|{'-' * (width + 2)}|--------|")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value} |")
    for failure in tally.failures[:10]:
        print(f"  failed journey {failure}", file=sys.stderr)
    return failed == 0 and not tally.failures and all(checks.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database", default="sqlite", help="sqlite or a postgres:// URL"
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--count", type=int, default=5, help="journeys per client")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="keep the var directory")
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="xunjie-load-"))
    admin_url = prepare_environment(args.database, var_dir)
    server = None
    try:
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0, interactive=False)
        people = make_people(args.clients)
        from django.db import connection

        connection.close()
        tag = "xjl" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(4))
        port = free_port()
        server = start_gunicorn(port, args.workers, var_dir / "gunicorn.log")
        tally = Tally()
        seconds = drive(port, people, args.count, tag, tally)
        server.terminate()
        server.wait(timeout=30)
        server = None
        ok = report(args, tally, seconds, verify(tally.steps))
        connection.close()
        if not ok:
            # The server's tracebacks say why requests failed.
            log = (var_dir / "gunicorn.log").read_text(errors="replace")
            print("\n".join(log.splitlines()[-60:]), file=sys.stderr)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if admin_url:
            drop_database(admin_url)
        if args.keep:
            print(f"var directory kept: {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
