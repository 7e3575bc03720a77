"""Throughput and latency of the public pages under gunicorn, against two baselines.

    XUNJIE_VAR_DIR=/tmp/perf-var .venv/bin/python bench/pages.py [--duration 10]

Serves the seeded database (bench/seed_large.py) with gunicorn (2 workers, production
settings) twice: with the anonymous page cache and without it. In each run wrk drives
every page with 8 connections for --duration seconds and prints requests/s and
p50/p95/p99 latency beside two baselines measured in the same run: a trivial Django
view (the framework's ceiling here, routed only with XUNJIE_BENCH=1) and a minimal
Wagtail page. The uncached detail and minimal pages are then driven again in
alternating pairs (--pairs), because a 2-core machine shared with others drifts more
between two pages measured a minute apart than between two measured back to back. Then
it checks the targets of issue 9:

- anonymous cached pages reach at least 60 % of the ceiling's requests/s;
- the uncached problem detail with 50 threaded answers reaches at least 50 % of the
  uncached minimal Wagtail page's requests/s (the median of the pairs' ratios);
- the uncached problem list and search have a p95 at most 3 × the minimal page's.

wrk comes from scripts/install-test-deps.sh (Debian package `wrk`).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CONNECTIONS = 8
WORKERS = 2
WARM_UP_SECONDS = 2
DETAIL = "problem detail (50 in threads)"
MINIMAL = "minimal Wagtail page"
#: wrk reports its percentiles through this script, one line, microseconds
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.timeout))
end
"""


def prepare() -> dict[str, str]:
    """The pages to drive (created if missing: the minimal page and a problem with
    50 threaded answers), by name, as paths; Django is set up (open_seeded)."""
    from django.core.management import call_command
    from django.urls import NoReverseMatch, reverse
    from taggit.models import Tag

    from knowledge.models import HomePage, StandardPage
    from qa import services
    from qa.models import Answer, Problem
    from stations.models import Enterprise, ExpertProfile, User

    call_command("collectstatic", interactive=False, verbosity=0)
    home = HomePage.objects.get()
    minimal = StandardPage.objects.filter(slug="bench-minimal").first()
    if minimal is None:
        minimal = StandardPage(title="基准页", slug="bench-minimal")
        home.add_child(instance=minimal)
        minimal.save_revision().publish()
    problem = Problem.objects.filter(title="基准：五十条讨论的难题").first()
    if problem is None:
        clerk = User.objects.get(username="clerk1")
        enterprise = Enterprise.objects.filter(user__username="ent01").get()
        problem = services.problem_create(
            enterprise=enterprise,
            title="基准：五十条讨论的难题",
            description="玉米深加工废水 COD 偏高，厌氧反应器出水不稳定。",
            industry="grain",
            region="changchun",
            tags=["污水处理"],
            clerk=clerk,
        )
        experts = list(ExpertProfile.objects.filter(status="verified")[:10])
        for i in range(25):
            answer = services.answer_create(
                problem=problem,
                user=experts[i % 10].user,
                text=f"建议{i}：提高回流比。",
            )
            services.answer_screen(
                answer=answer, user=clerk, approve=True, quality_score=4
            )
            services.reply_create(
                parent=answer, user=enterprise.user, text=f"追问{i}：回流比多少合适？"
            )
    assert Answer.for_problem(problem).filter(is_public=True).count() >= 50
    tag = Tag.objects.get(name="污水处理")
    expert = ExpertProfile.objects.filter(status="verified").first()
    pages = {
        "home": "/",
        "problem list": reverse("qa:problem_list"),
        DETAIL: problem.get_absolute_url(),
        "tag page": reverse("qa:tag", args=[tag.slug]),
        "search": reverse("search:search") + "?q=%E6%B1%A1%E6%B0%B4%E5%A4%84%E7%90%86",
        "API problem list": "/api/v3/problems/",
    }
    with contextlib.suppress(NoReverseMatch):
        pages["expert profile"] = reverse("experts:profile", args=[expert.pk])
    pages[MINIMAL] = minimal.url
    pages["trivial Django view"] = "/bench/trivial/"
    return pages


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(*, cached: bool) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **os.environ,
        "XUNJIE_BENCH": "1",
        "XUNJIE_PAGE_CACHE": "1" if cached else "0",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
    }
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(base + "/bench/trivial/", timeout=2)
            return process, base
        except OSError:
            time.sleep(0.5)
    stop(process)
    sys.exit("gunicorn did not answer within a minute")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def wrk(url: str, duration: int, script: str) -> str:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--timeout", "30s"]
    return subprocess.run(
        [*command, "-s", script, url], capture_output=True, text=True, check=True
    ).stdout


def drive(url: str, duration: int, script: str) -> dict:
    urllib.request.urlopen(url, timeout=60).read()  # answers at all (raises if not)
    # Warm up with every connection at once, so that each worker (not only the one
    # that happened to accept a few sequential requests) has filled its caches.
    wrk(url, WARM_UP_SECONDS, script)
    out = wrk(url, duration, script)
    match = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", out)
    requests, micros, p50, p95, p99, errors = map(int, match.groups())
    return {
        "rps": requests / (micros / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "errors": errors,
    }


def run(
    pages: dict[str, str], *, cached: bool, duration: int, script: str, pairs: int = 0
) -> tuple[dict, list[float]]:
    """Each page's figures, and the detail/minimal ratio of each alternating pair."""
    process, base = serve(cached=cached)
    try:
        results = {}
        for name, path in pages.items():
            results[name] = drive(base + path, duration, script)
        ratios = []
        for _ in range(pairs):
            minimal = drive(base + pages[MINIMAL], duration, script)["rps"]
            detail = drive(base + pages[DETAIL], duration, script)["rps"]
            ratios.append(detail / minimal)
    finally:
        stop(process)
    title = "with the anonymous page cache" if cached else "uncached"
    ceiling = results["trivial Django view"]["rps"]
    minimal = results[MINIMAL]
    print(f"\n{title} (gunicorn {WORKERS} workers, wrk {CONNECTIONS} connections):")
    print(
        "| page | req/s | p50 ms | p95 ms | p99 ms | × ceiling | × minimal page |"
        " errors |\n|---|---:|---:|---:|---:|---:|---:|---:|"
    )
    for name, r in results.items():
        print(
            f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} |"
            f" {r['p99']:.1f} | {r['rps'] / ceiling:.2f} |"
            f" {r['rps'] / minimal['rps']:.2f} | {r['errors']} |",
            flush=True,
        )
    if ratios:
        shown = ", ".join(f"{r:.2f}" for r in ratios)
        print(f"\n{DETAIL} ÷ {MINIMAL}, requests/s, in alternating pairs: {shown}")
    return results, ratios


def verdicts(cached: dict, uncached: dict, ratios: list[float]) -> None:
    ceiling = cached["trivial Django view"]["rps"]
    anonymous = [n for n in cached if n != "trivial Django view"]
    print("\nTargets (issue 9):")
    for name in anonymous:
        share = cached[name]["rps"] / ceiling
        met = "met" if share >= 0.6 else "NOT met"
        print(f"- cached {name}: {share:.0%} of the ceiling (≥ 60 %): {met}")
    minimal = uncached[MINIMAL]
    detail = statistics.median(ratios or [uncached[DETAIL]["rps"] / minimal["rps"]])
    met = "met" if detail >= 0.5 else "NOT met"
    print(
        f"- uncached problem detail: {detail:.0%} of the minimal page (≥ 50 %,"
        f" median of {len(ratios)} pairs): {met}"
    )
    for name in ("problem list", "search"):
        ratio = uncached[name]["p95"] / minimal["p95"]
        met = "met" if ratio <= 3 else "NOT met"
        print(f"- uncached {name} p95: {ratio:.1f} × the minimal page's (≤ 3 ×): {met}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument(
        "--pairs",
        type=int,
        default=3,
        help="alternating uncached minimal/detail measurements for the detail target",
    )
    args = parser.parse_args()
    from bench.seed_large import open_seeded

    open_seeded()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: run scripts/install-test-deps.sh")
    pages = prepare()
    from qa.models import Problem

    print(f"{Problem.objects.count():,} problems; {args.duration} s per page")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    cached, _ = run(pages, cached=True, duration=args.duration, script=script.name)
    uncached, ratios = run(
        pages,
        cached=False,
        duration=args.duration,
        script=script.name,
        pairs=args.pairs,
    )
    os.unlink(script.name)
    verdicts(cached, uncached, ratios)


if __name__ == "__main__":
    main()
