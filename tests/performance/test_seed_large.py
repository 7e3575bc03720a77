"""bench/seed_large.py fills a database of its own, in the counts it announces."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "seed_large.py"

#: the seeded rows, read back through the models in a process of the seed's settings
COUNT = """
import json, os, sys
sys.path.insert(0, os.getcwd())
from pathlib import Path
from bench.seed_large import configure
configure(Path(os.environ["XUNJIE_VAR_DIR"]))
from knowledge.models import NewsPage
from qa.models import Answer, Problem
from stations.models import Enterprise, ExpertProfile
seeded = r"^(bench|bulk)-"
problems = Problem.objects.filter(enterprise__user__username__regex=seeded)
print(json.dumps({
    "enterprises": Enterprise.objects.filter(user__username__regex=seeded).count(),
    "experts": ExpertProfile.objects.filter(user__username__regex=seeded).count(),
    "problems": problems.count(),
    "answers": Answer.objects.filter(
        object_pk__in=[str(pk) for pk in problems.values_list("pk", flat=True)]
    ).count(),
    "pages": NewsPage.objects.filter(slug__regex=seeded).count(),
}))
"""


def _run(args, var_dir):
    # The seed's own settings and its own SQLite database in var_dir: never the
    # suite's settings, nor the PostgreSQL server `make test-full` points at.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    if var_dir is None:
        env.pop("XUNJIE_VAR_DIR", None)
    else:
        env["XUNJIE_VAR_DIR"] = str(var_dir)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_refuses_to_seed_without_a_directory_of_its_own():
    run = _run([str(SCRIPT)], None)
    assert run.returncode != 0
    assert "XUNJIE_VAR_DIR" in run.stderr


def test_never_seeds_into_nor_deletes_a_directory_it_did_not_make(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    for args in ([str(SCRIPT), "--reset"], [str(SCRIPT)]):
        run = _run([*args, "--scale", "0.001"], tmp_path)
        assert run.returncode != 0
        assert "not made by seed_large.py" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_refuses_a_size_of_nothing(tmp_path):
    run = _run([str(SCRIPT), "--scale", "0"], tmp_path / "var")
    assert run.returncode == 2
    assert "must be greater than 0" in run.stderr
    assert not (tmp_path / "var").exists()


@pytest.mark.parametrize("script", ["stats.py", "pages.py"])
def test_benchmarks_of_an_unseeded_directory_say_so(tmp_path, script):
    run = _run([str(ROOT / "bench" / script)], tmp_path)
    assert run.returncode == 1
    assert "not seeded" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.slow
def test_seeds_every_kind_through_services_and_in_bulk(tmp_path):
    var_dir = tmp_path / "var"
    # 2 % of the full size: enough that every kind has rows beyond the services' sample
    run = _run([str(SCRIPT), "--reset", "--scale", "0.02"], var_dir)
    assert run.returncode == 0, run.stderr
    assert "Seeded in" in run.stdout
    assert (var_dir / ".seed_large").exists()  # so that --reset may clear it later
    assert "monthly report (November)" in run.stdout
    counted = _run(["-c", COUNT], var_dir)
    assert counted.returncode == 0, counted.stderr
    assert json.loads(counted.stdout.splitlines()[-1]) == {
        "enterprises": 100,
        "experts": 40,
        "problems": 2000,
        "answers": 6000,
        "pages": 40,
    }
