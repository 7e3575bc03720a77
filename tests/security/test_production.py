"""Production settings: `check --deploy` clean, and a Content-Security-Policy
that keeps the site's and the Wagtail admin's scripts working."""

import importlib
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from tests.factories.stations import UserFactory

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "k" * 30 + "-production-like-secret-" + "Z9" * 10,
    "DJANGO_ALLOWED_HOSTS": "xunjie.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://xunjie.example.org",
}


def production_module(monkeypatch):
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    modules = ("config.settings.production", "config.settings.base")
    for name in modules:
        sys.modules.pop(name, None)
    try:
        return importlib.import_module("config.settings.production")
    finally:
        for name in modules:
            sys.modules.pop(name, None)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    """The same as `manage.py check --deploy --fail-level WARNING` on a server."""
    env = {
        **os.environ,
        **PRODUCTION_ENV,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "XUNJIE_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    code = (
        "import django; django.setup();"
        "from django.core.management import call_command;"
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "no issues" in result.stdout + result.stderr


@pytest.fixture
def csp_on(settings, monkeypatch):
    prod = production_module(monkeypatch)
    settings.MIDDLEWARE = prod.MIDDLEWARE
    settings.CONTENT_SECURITY_POLICY = prod.CONTENT_SECURITY_POLICY
    return settings


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:]
        for part in (p.strip() for p in header.split(";"))
        if part
    }


@pytest.mark.django_db
def test_public_pages_forbid_foreign_and_inline_scripts(client, csp_on):
    response = client.get(reverse("qa:problem_list"))
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]


@pytest.mark.django_db
def test_the_problem_forms_own_script_runs_by_its_nonce(client, csp_on, enterprise):
    client.force_login(enterprise.user)
    response = client.get(reverse("qa:problem_create"))
    assert response.status_code == 200
    nonce = re.search(r'<script nonce="([^"]+)"', response.content.decode())
    assert nonce, "the inline script carries a nonce"
    assert f"'nonce-{nonce.group(1)}'" in directives(response)["script-src"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/admin/", "/admin/pages/", "/admin/users/", "/admin/login/"],
)
def test_wagtail_admin_pages_keep_their_inline_scripts(client, csp_on, url):
    if url != "/admin/login/":
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(url, follow=True)
    assert response.status_code == 200
    policy = directives(response)
    # Wagtail writes inline <script> blocks without a nonce: they must be allowed,
    # and a nonce would make browsers ignore 'unsafe-inline'.
    assert "'unsafe-inline'" in policy["script-src"]
    assert not any(v.startswith("'nonce-") for v in policy["script-src"])
    assert policy["object-src"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
