"""Fast and isolated: MD5 hashing, in-memory mail and cache, a throwaway index."""

import tempfile

from .base import *  # noqa: F403
from .base import CACHES as BASE_CACHES
from .base import dj_database_url, os

SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": BASE_CACHES["ratelimit"],
}
# The test client's login() gives django-axes no request; lockout tests turn it on.
AXES_ENABLED = False
# Whole-page caching only where a test turns it on (tests/performance).
XUNJIE_PAGE_CACHE = False
# In-memory SQLite, unless DATABASE_URL names another server (`make test-full` runs
# the suite on PostgreSQL too; pytest-django creates its own test_ database there).
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.config()}
MEDIA_ROOT = tempfile.mkdtemp(prefix="xunjie-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends.whoosh",
        "PATH": tempfile.mkdtemp(prefix="xunjie-index-"),
    }
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
