"""The whole demo content survives backup, loss of everything, and restore."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

COUNTS = (
    "import django, json; django.setup();"
    "from ops.backup import model_counts;"
    "from qa.models import Problem;"
    "print(json.dumps({'counts': model_counts(),"
    " 'found': len(Problem.objects.public().search('玉米'))}))"
)


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def state(env) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", COUNTS],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_demo_round_trip(tmp_path):
    var = tmp_path / "var"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "XUNJIE_VAR_DIR": str(var),
    }
    env.pop("DATABASE_URL", None)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "rebuild_modelsearch_index")
    before = state(env)
    assert before["counts"]["qa.Problem"] > 0 and before["found"] > 0
    manage(env, "backup", "--output", str(tmp_path / "backups"))
    (archive,) = Path(tmp_path / "backups").glob("xunjie-*.tar.gz")

    shutil.rmtree(var)  # database, uploads and index all gone
    output = manage(env, "restore", str(archive))
    assert "已恢复" in output
    after = state(env)
    for label in ("stations.User", "qa.Problem", "qa.Answer", "wagtailcore.Page"):
        assert after["counts"][label] == before["counts"][label], label
    assert after["found"] == before["found"]
