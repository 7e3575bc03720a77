import importlib
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured


def load_production(monkeypatch, **env):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    sys.modules.pop("config.settings.production", None)
    sys.modules.pop("config.settings.base", None)
    try:
        return importlib.import_module("config.settings.production")
    finally:
        sys.modules.pop("config.settings.production", None)
        sys.modules.pop("config.settings.base", None)


def test_production_refuses_to_start_without_a_secret(monkeypatch):
    monkeypatch.delenv("DJANGO_SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured):
        load_production(monkeypatch)


def test_production_is_locked_down(monkeypatch):
    prod = load_production(
        monkeypatch,
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="xunjie.example.org",
        DATABASE_URL="postgres://xunjie:pw@db.example.org:5432/xunjie",
    )
    assert prod.DEBUG is False
    assert prod.ALLOWED_HOSTS == ["xunjie.example.org"]
    assert prod.SESSION_COOKIE_SECURE and prod.CSRF_COOKIE_SECURE
    assert prod.SECURE_HSTS_SECONDS >= 31_536_000
    assert prod.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert prod.DATABASES["default"]["NAME"] == "xunjie"


def test_sqlite_default_waits_instead_of_failing_when_locked(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    prod = load_production(monkeypatch, DJANGO_SECRET_KEY="x" * 50)
    options = prod.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]
