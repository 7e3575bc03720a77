"""Whole-page caching for anonymous visitors that never shows stale or private data.

Only requests that carry neither a session, a messages cookie nor an Authorization
header are served from or stored in the cache: such a visitor is anonymous for certain,
without a database query. Every key contains a *content generation*, a token that any
write to public content replaces (saves and deletes of the content apps' models, page
publishing, settings, and `.update()` writes re-indexed through modelsearch's tasks), so
a cached page disappears the moment what it shows changes. A short time-to-live covers
what changes with the clock alone (relative dates, "this month").

Forms on cached pages keep working: the CSRF token in the stored page is replaced by a
placeholder and every hit gets the visitor's own token (Django sets the cookie).
Responses carry a weak ETag and Last-Modified; conditional GETs get 304.

The cache alias `pages` (a shared on-disk cache in the base settings, so that every
gunicorn worker sees one generation) is used when configured, else `default`.
"""

from __future__ import annotations

import hashlib
import re
import time

from django.apps import AppConfig
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

GENERATION_KEY = "xunjie:content-generation"
#: apps whose models are shown on public pages; any write to them invalidates
CONTENT_APPS = frozenset(
    {
        "qa",
        "knowledge",
        "stations",
        "experts",
        "taggit",
        "wagtailcore",
        "wagtailimages",
        "wagtaildocs",
        "wagtailredirects",
        "wagtailsettings",
        "sites",
    }
)
#: models of those apps that never appear on a public page (written on every login,
#: every notification): invalidating on them would only empty the cache
IGNORED_MODELS = frozenset(
    {
        "stations.user",
        "qa.notification",
        "qa.delivery",
        "qa.notificationpreference",
        "wagtailcore.revision",
        "wagtailcore.pagelogentry",
        "wagtailcore.modellogentry",
        "wagtailcore.pageviewrestriction",
        "wagtailcore.taskstate",
        "wagtailcore.workflowstate",
    }
)
#: paths never cached: staff and account screens, documents and attachments
#: (streamed, access-checked). The API's anonymous reads are cached like pages;
#: its token and session users never are (see _request_cacheable).
EXCLUDED_PREFIXES = (
    "/admin/",
    "/accounts/",
    "/documents/",
    "/problems/files/",
    "/i18n/",
    "/static/",
    "/media/",
)
PLACEHOLDER = b"__XUNJIE_CSRF_TOKEN__"
#: a masked CSRF token as rendered in pages (Django: 64 alphanumeric characters)
TOKEN_RE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")


def _cache():
    return caches["pages" if "pages" in settings.CACHES else "default"]


def generation() -> str:
    """The current content generation (a nanosecond timestamp as text)."""
    cache = _cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = str(time.time_ns())
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return value


def bump_generation() -> None:
    """Invalidate every cached page and fragment: public content has changed."""
    _cache().set(GENERATION_KEY, str(time.time_ns()), timeout=None)


def cached_in_generation(name: str, compute, timeout: int = 300):
    """A costly read computed once per content generation: any change to public
    content computes it afresh (e.g. the tag cloud counting 100,000 problems)."""
    cache = _cache()
    key = f"xunjie:value:{generation()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def _invalidate() -> None:
    # Now, for this process's next read, and again at commit: a page rendered by
    # another request between the bump and the commit saw the old rows and was
    # stored under the new generation.
    bump_generation()
    transaction.on_commit(bump_generation)


def _model_changed(sender, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in CONTENT_APPS:
        return
    if meta.label_lower in IGNORED_MODELS:
        return
    _invalidate()


def _search_task_enqueued(sender, task_result, **kwargs) -> None:
    # Services that write with `.update()` (screening, status changes) skip post_save
    # but always re-index the row through modelsearch's tasks.
    if task_result.task.func.__module__.startswith("modelsearch."):
        _invalidate()


def _content_changed(sender, **kwargs) -> None:
    _invalidate()


class CachingConfig(AppConfig):
    """Connects the invalidation signals in every process (web, cron, shell)."""

    name = "config"
    label = "xunjie_config"
    verbose_name = "Xunjie caching"

    def ready(self) -> None:
        from django_tasks.signals import task_enqueued
        from wagtail.signals import page_published, page_unpublished

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(_model_changed, dispatch_uid=f"xunjie-cache-{signal!r}")
        page_published.connect(_content_changed, dispatch_uid="xunjie-cache-publish")
        page_unpublished.connect(
            _content_changed, dispatch_uid="xunjie-cache-unpublish"
        )
        task_enqueued.connect(_search_task_enqueued, dispatch_uid="xunjie-cache-task")


#: what is stored: pages and the API's JSON (its problem+json errors never are:
#: only 200 answers are kept)
STORED_TYPES = ("text/html", "application/json")


def _request_cacheable(request) -> bool:
    if not getattr(settings, "XUNJIE_PAGE_CACHE", False):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not request.path.startswith(EXCLUDED_PREFIXES)


def _response_storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith(STORED_TYPES):
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    session = getattr(request, "session", None)
    if session is not None and (session.modified or session.session_key):
        return False
    storage = getattr(request, "_messages", None)
    return not (storage is not None and getattr(storage, "_queued_messages", None))


def _key(request) -> str:
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    raw = f"{request.get_host()}|{language}|{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"xunjie:page:{generation()}:{digest}"


def _strip_tokens(content: bytes, secret: str | None) -> bytes:
    """Replace this request's CSRF tokens by a placeholder (none else can match)."""
    if not secret:
        return content

    def swap(match: re.Match) -> bytes:
        token = match.group(0)
        if _unmask_cipher_token(token.decode()) == secret:
            return PLACEHOLDER
        return token

    return TOKEN_RE.sub(swap, content)


def _etag(request, stored: dict) -> str:
    # The visitor's CSRF cookie is part of the tag: a page revalidated with another
    # cookie would carry a token that no longer matches it.
    cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    digest = hashlib.sha256(stored["content"] + cookie.encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def _respond(request, stored: dict) -> HttpResponse:
    etag = _etag(request, stored)
    not_modified = get_conditional_response(
        request, etag=etag, last_modified=stored["last_modified"]
    )
    if not_modified is not None:
        not_modified["ETag"] = etag
        return not_modified
    content = stored["content"]
    if PLACEHOLDER in content:
        parts = content.split(PLACEHOLDER)
        content = parts[0] + b"".join(
            get_token(request).encode() + part for part in parts[1:]
        )
    response = HttpResponse(content, content_type=stored["content_type"])
    for header, value in stored["headers"].items():
        response[header] = value
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stored["last_modified"])
    response["X-Page-Cache"] = "hit"
    return response


def _store(request, response) -> dict:
    secret = request.META.get("CSRF_COOKIE")
    content = _strip_tokens(response.content, secret)
    kept = ("Content-Language", "Vary", "X-Frame-Options", "Content-Security-Policy")
    return {
        "content": content,
        "content_type": response["Content-Type"],
        "headers": {h: response[h] for h in kept if h in response},
        "last_modified": int(int(generation()) / 1e9),
    }


class AnonymousPageCacheMiddleware:
    """Serves anonymous GETs from the page cache; stores what is safe to share.

    Placed after the session, CSRF, auth and messages middleware so that a hit still
    gets its CSRF cookie and a miss shows whether the page used the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_cacheable(request):
            return self.get_response(request)
        cache = _cache()
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            response = _respond(request, stored)
        else:
            response = self.get_response(request)
            if not _response_storable(request, response):
                return response
            stored = _store(request, response)
            timeout = getattr(settings, "XUNJIE_PAGE_CACHE_SECONDS", 60)
            cache.set(key, stored, timeout=timeout)
            etag = _etag(request, stored)
            response["ETag"] = etag
            response["Last-Modified"] = http_date(stored["last_modified"])
            response["X-Page-Cache"] = "miss"
        # Browsers must revalidate; shared proxies must not keep a page that may carry
        # a visitor's CSRF token.
        response["Cache-Control"] = "private, max-age=0, must-revalidate"
        patch_vary_headers(response, ("Cookie",))
        return response
