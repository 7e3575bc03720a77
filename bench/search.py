"""Benchmark: the Whoosh + jieba backend against modelsearch's SQLite backend.

Generates N synthetic Chinese problems (deterministic), rebuilds both indexes and
prints one table: rebuild time and documents/s, index size, p50/p95 latency of
200 queries (first page of 10) and recall on a labelled query set.

    .venv/bin/python bench/search.py --n 10000 [--procs 2]

Standalone: its own settings (a temporary SQLite database, modelsearch's test
app), so it does not depend on the project's models.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _words(text: str) -> list[str]:
    return text.split()


SUBJECTS = _words(
    """玉米深加工 污水处理 人参皂苷 数控机床 轨道车辆 汽车零部件 光伏组件 锂电池
中药材 食品安全 冷链物流 模具设计 注塑成型 热处理 表面处理 变频器 伺服电机 传感器
环境监测 秸秆综合利用 生物发酵 智能制造 工业互联网 新能源汽车 燃料电池 固体废物
碳排放 节能减排 知识产权 质量管理体系"""
)
ASPECTS = _words(
    """提取率偏低 出水不稳定 能耗过高 精度下降 故障频发 成本上升 良品率低 噪声超标
寿命缩短 温度控制 工艺优化 设备选型 检测方法 质量追溯 原料短缺 废水回用 人员培训
自动化改造 标准认证 市场推广"""
)
FILLERS = _words(
    """企业反映 近期生产中发现 希望专家给予指导 现有设备运行多年
经过多次调试仍未解决 请问如何改进 车间温度较高 客户投诉增加
相关标准要求 每月产量约两千吨 采用进口设备
技术人员不足 资金有限 需要现场指导 已咨询过厂家 数据记录不完整"""
)


def configure(workdir: Path, procs: int) -> None:
    import django
    from django.conf import settings

    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench",
        USE_TZ=True,
        INSTALLED_APPS=[
            "django.contrib.contenttypes",
            "django.contrib.auth",
            "taggit",
            "modelsearch",
            "modelsearch.test.testapp",
        ],
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(workdir / "bench.sqlite3"),
            }
        },
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        MODELSEARCH_BACKENDS={
            "whoosh": {
                "BACKEND": "search.backends.whoosh",
                "PATH": str(workdir / "index"),
                "PROCS": procs,
                "LIMITMB": 256,
                "AUTO_UPDATE": False,
            },
            "sqlite": {
                "BACKEND": "modelsearch.backends.database",
                "AUTO_UPDATE": False,
            },
        },
        LOGGING_CONFIG=None,
    )
    django.setup()


def generate(n: int, seed: int = 42):
    """Problems as (title, summary, words) — words: the labels each contains."""
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        subject, aspect = rng.choice(SUBJECTS), rng.choice(ASPECTS)
        model = f"S7-{rng.randint(100, 2099)}"
        other_subject, other_aspect = rng.choice(SUBJECTS), rng.choice(ASPECTS)
        title = f"{subject}{aspect}问题"
        sentences = [
            *rng.sample(FILLERS, 4),
            f"涉及{other_subject}与{other_aspect}",
            f"控制器型号为{model}",
        ]
        rng.shuffle(sentences)
        summary = "，".join(sentences) + "。"
        words = {subject, aspect, other_subject, other_aspect, model}
        rows.append((title, summary, words))
    return rows


def labelled_queries(rows, count: int = 200, seed: int = 7):
    """(query, relevant row indexes): subject+aspect pairs and model numbers."""
    rng = random.Random(seed)
    queries = []
    for k in range(count):
        if k % 10 < 7:
            a, b = rng.choice(SUBJECTS), rng.choice(ASPECTS)
            text, need = f"{a} {b}", {a, b}
        else:
            model = f"S7-{rng.randint(100, 2099)}"
            text, need = model, {model}
        relevant = {i for i, (_, _, words) in enumerate(rows) if need <= words}
        queries.append((text, relevant))
    return queries


def progress(done: int, total: int, label: str, started: float) -> None:
    width = 30
    filled = int(width * done / max(total, 1))
    rate = done / max(time.perf_counter() - started, 1e-9)
    sys.stderr.write(
        f"\r{label:<7} [{'#' * filled}{'.' * (width - filled)}] "
        f"{done}/{total} {rate:,.0f} docs/s"
    )
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def rebuild(backend, model, label: str, chunk: int = 1000) -> float:
    """Rebuild as rebuild_modelsearch_index does, with a progress bar."""
    index = backend.get_index_for_model(model)
    started = time.perf_counter()
    rebuilder = backend.rebuilder_class(index)
    target = rebuilder.start()
    target.add_model(model)
    queryset = model.get_indexed_objects().order_by("pk")
    total = queryset.count()
    done = 0
    while done < total:
        items = list(queryset[done : done + chunk])
        target.add_items(model, items)
        done += len(items)
        progress(done, total, label, started)
    rebuilder.finish()
    return time.perf_counter() - started


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(backend, model, queries, pk_to_row) -> dict:
    latencies = []
    for text, _ in queries:
        started = time.perf_counter()
        list(backend.search(text, model)[:10])
        latencies.append((time.perf_counter() - started) * 1000)
    recalls = []
    for text, relevant in queries:
        if not relevant:
            continue
        found = {pk_to_row[obj.pk] for obj in backend.search(text, model)}
        recalls.append(len(found & relevant) / len(relevant))
    latencies.sort()
    return {
        "p50": statistics.median(latencies),
        "p95": latencies[int(len(latencies) * 0.95) - 1],
        "recall": statistics.mean(recalls) if recalls else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--procs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="xunjie-bench-"))
    configure(workdir, args.procs)

    from django.core.management import call_command
    from modelsearch.backends import get_search_backend
    from modelsearch.test.testapp.models import Book

    call_command("migrate", verbosity=0)
    rows = generate(args.n)
    Book.objects.bulk_create(
        [
            Book(
                title=title,
                summary=summary,
                publication_date=date(2024, 1, 1),
                number_of_pages=100 + i % 900,
            )
            for i, (title, summary, _) in enumerate(rows)
        ],
        batch_size=2000,
    )
    pks = list(Book.objects.order_by("pk").values_list("pk", flat=True))
    pk_to_row = {pk: i for i, pk in enumerate(pks)}
    queries = labelled_queries(rows, args.queries)

    db_file = workdir / "bench.sqlite3"
    results = {}
    for name in ("whoosh", "sqlite"):
        backend = get_search_backend(name)
        before = db_file.stat().st_size
        seconds = rebuild(backend, Book, name)
        if name == "whoosh":
            size = dir_size(workdir / "index")
        else:
            size = db_file.stat().st_size - before
        results[name] = {"seconds": seconds, "size": size}
        results[name].update(measure(backend, Book, queries, pk_to_row))

    print(f"\nN = {args.n:,} documents, {len(queries)} queries, procs = {args.procs}")
    print(
        "| backend | rebuild s | docs/s | index MB | p50 ms | p95 ms | recall |\n"
        "|---|---:|---:|---:|---:|---:|---:|"
    )
    labels = {"whoosh": "Whoosh + jieba", "sqlite": "SQLite FTS5 (Wagtail)"}
    for name, r in results.items():
        print(
            f"| {labels[name]} | {r['seconds']:.1f} | {args.n / r['seconds']:,.0f} "
            f"| {r['size'] / 1e6:.1f} | {r['p50']:.1f} | {r['p95']:.1f} "
            f"| {r['recall']:.3f} |"
        )


if __name__ == "__main__":
    main()
