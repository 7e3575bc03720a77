"""The load run's stage (bench/load.py): settings through the environment, a
fresh database, the people with their sessions, and gunicorn."""

from __future__ import annotations

import http.client
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
#: the rate limits are raised so that the run measures the application
UNLIMITED = "1000000/h"


def prepare_environment(database: str, var_dir: Path) -> str | None:
    """Settings through the environment; a new PostgreSQL database if asked.
    Returns the admin URL of the server to drop the database from afterwards."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.load_settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "XUNJIE_VAR_DIR": str(var_dir),
            **{
                f"XUNJIE_RATELIMIT_{name}": UNLIMITED
                for name in ("REGISTER", "LOGIN", "PROBLEM", "ANSWER")
            },
        }
    )
    os.environ.pop("SEARCH_URL", None)
    if database == "sqlite":
        os.environ.pop("DATABASE_URL", None)
        return None
    import psycopg

    parts = urlsplit(database)
    name = f"xunjie_load_{os.getpid()}"
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    return database


def drop_database(admin_url: str) -> None:
    import psycopg

    name = f"xunjie_load_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def make_people(clients: int) -> list[dict]:
    """Per client an enterprise, a verified expert and a provincial clerk, each
    with a logged-in session; and the online reward rule."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore

    from stations import roles
    from stations.models import Enterprise, ExpertProfile, RewardRule, Station, User
    from stations.models.rewards import RewardKind
    from stations.validators import credit_code_check_char

    roles.ensure_role_groups()
    clerks = Group.objects.get(name=roles.CLERK)
    station = Station.objects.filter(level=Station.Level.PROVINCIAL).first()
    if station is None:
        station = Station.objects.create(
            name="吉林省中小微企业网上技术专家服务站", level=Station.Level.PROVINCIAL
        )
    if not RewardRule.objects.filter(kind=RewardKind.ONLINE).exists():
        RewardRule.objects.create(
            kind=RewardKind.ONLINE, amount="50.00", effective_from="2014-01-01"
        )
    backend = "django.contrib.auth.backends.ModelBackend"
    assert backend in settings.AUTHENTICATION_BACKENDS

    def session_for(user: User) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = backend
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    def user(username: str) -> User:
        person = User(username=username, email=f"{username}@example.com")
        person.set_unusable_password()
        person.save()
        return person

    people = []
    for i in range(clients):
        ent = user(f"load-ent{i:02d}")
        first17 = f"91220101MA{9_000_000 + i:07d}"
        Enterprise.objects.create(
            user=ent,
            name=f"长春负载测试{i:02d}号有限公司",
            credit_code=first17 + credit_code_check_char(first17),
            contact_person="王经理",
            phone=f"1380000{i:04d}",
            email=ent.email,
            industry="grain",
            verified=True,
        )
        exp = user(f"load-exp{i:02d}")
        ExpertProfile.objects.create(
            user=exp,
            real_name=f"负载专家{i:02d}",
            organisation="吉林大学",
            title="教授",
            phone=f"1380001{i:04d}",
            email=exp.email,
            status=ExpertProfile.Status.VERIFIED,
        )
        clerk = user(f"load-clerk{i:02d}")
        clerk.groups.add(clerks)
        station.clerks.add(clerk)
        people.append(
            {
                "enterprise": session_for(ent),
                "expert": session_for(exp),
                "expert_id": exp.pk,
                "clerk": session_for(clerk),
            }
        )
    return people


def start_gunicorn(port: int, workers: int, log: Path) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            "--timeout=120",
            "--log-level=warning",
        ],
        cwd=ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    # Four workers import Django and Wagtail at once: slow on a busy small machine.
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited: see {log}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/search/", headers={"Host": f"127.0.0.1:{port}"})
            conn.getresponse().read()
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 240 s")
