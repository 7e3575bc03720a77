"""Search backend settings from the environment: Whoosh by default, or
OpenSearch / Elasticsearch (modelsearch's built-in backends) when SEARCH_URL is set.

Environment:
    SEARCH_URL          e.g. ``opensearch://search:9200``,
                        ``opensearch+https://user:pw@search:9200``,
                        ``elasticsearch8://es:9200``, ``https://user:pw@host:9200``
                        (several hosts: comma-separated). Unset: Whoosh on disk.
    SEARCH_ENGINE       backend for plain http(s) URLs (default ``opensearch2``).
    SEARCH_ANALYZER     ``smartcn`` (default) or ``ik`` — the Chinese analysis
                        plugin installed on the cluster.
    SEARCH_INDEX_PREFIX index name prefix (default ``xunjie_``).
    SEARCH_TIMEOUT      seconds (default 10).
    SEARCH_INDEX_PATH   Whoosh index directory (default: ``default_path``).
    SEARCH_USER_DICT    extra jieba dictionary file for the Whoosh backend.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

ENGINES = {
    "opensearch": "modelsearch.backends.opensearch2",
    "opensearch2": "modelsearch.backends.opensearch2",
    "opensearch3": "modelsearch.backends.opensearch3",
    "elasticsearch": "modelsearch.backends.elasticsearch8",
    "elasticsearch7": "modelsearch.backends.elasticsearch7",
    "elasticsearch8": "modelsearch.backends.elasticsearch8",
    "elasticsearch9": "modelsearch.backends.elasticsearch9",
}

#: Index analysis per plugin: "default" analyses indexed text, "default_search"
#: the query (ik: finest segmentation when indexing, coarsest when searching).
ANALYZERS: dict[str, dict[str, Any]] = {
    "smartcn": {
        "default": {"type": "smartcn"},
        "default_search": {"type": "smartcn"},
    },
    "ik": {
        "default": {"type": "custom", "tokenizer": "ik_max_word"},
        "default_search": {"type": "custom", "tokenizer": "ik_smart"},
    },
}


def _split_urls(value: str) -> tuple[str, list[str]]:
    """(scheme, ["transport://netloc/path", ...]) from a SEARCH_URL value."""
    scheme, sep, rest = value.strip().partition("://")
    if not sep or not rest:
        raise ImproperlyConfigured(f"SEARCH_URL {value!r} is not a URL")
    scheme = scheme.lower()
    engine, _, transport = scheme.partition("+")
    if engine in ("http", "https"):
        engine, transport = "", engine
    transport = transport or "http"
    if transport not in ("http", "https"):
        raise ImproperlyConfigured(f"SEARCH_URL transport {transport!r} unknown")
    urls = []
    for host in filter(None, (h.strip() for h in rest.split(","))):
        parts = urlsplit(f"{transport}://{host}")
        if not parts.hostname:
            raise ImproperlyConfigured(f"SEARCH_URL {value!r} has no host")
        urls.append(f"{transport}://{host}")
    return engine, urls


def search_backends_from_env(
    env: Mapping[str, str], default_path: str | os.PathLike
) -> dict[str, dict[str, Any]]:
    """WAGTAILSEARCH_BACKENDS for this deployment, from environment variables."""
    url = (env.get("SEARCH_URL") or "").strip()
    if not url:
        conf: dict[str, Any] = {
            "BACKEND": "search.backends.whoosh",
            "PATH": os.fspath(env.get("SEARCH_INDEX_PATH") or default_path),
        }
        if env.get("SEARCH_USER_DICT"):
            conf["USER_DICT"] = env["SEARCH_USER_DICT"]
        return {"default": conf}

    engine, urls = _split_urls(url)
    engine = engine or (env.get("SEARCH_ENGINE") or "opensearch2").lower()
    if engine not in ENGINES:
        raise ImproperlyConfigured(
            f"Search engine {engine!r} unknown; use one of {', '.join(ENGINES)}"
        )
    analyzer = (env.get("SEARCH_ANALYZER") or "smartcn").lower()
    if analyzer not in ANALYZERS:
        raise ImproperlyConfigured(
            f"SEARCH_ANALYZER {analyzer!r} unknown; use one of {', '.join(ANALYZERS)}"
        )
    return {
        "default": {
            "BACKEND": ENGINES[engine],
            "URLS": urls,
            "INDEX_PREFIX": env.get("SEARCH_INDEX_PREFIX", "xunjie_"),
            "TIMEOUT": int(env.get("SEARCH_TIMEOUT") or 10),
            "INDEX_SETTINGS": {
                "settings": {"analysis": {"analyzer": ANALYZERS[analyzer]}}
            },
        }
    }
