"""No N+1: each page makes as many SQL queries with 100 items as with 10."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from tests.performance.conftest import TAG


def _expert_profile(corpus):
    try:
        return reverse("experts:profile", args=[corpus.expert.pk])
    except NoReverseMatch:
        return None  # the experts app's public profile is not wired in urls yet


#: (case, how to build the URL, who is logged in)
CASES = [
    ("home", lambda c: "/", None),
    ("problem list", lambda c: reverse("qa:problem_list"), None),
    ("problem list, page 2", lambda c: reverse("qa:problem_list") + "?page=2", None),
    ("tag page", lambda c: reverse("qa:tag", args=["污水处理"]), None),
    (
        "problem detail with threads",
        lambda c: reverse("qa:problem_detail", args=[c.threaded.pk]),
        None,
    ),
    (
        "problem detail, owner",
        lambda c: reverse("qa:problem_detail", args=[c.threaded.pk]),
        "owner",
    ),
    (
        "problem detail, clerk",
        lambda c: reverse("qa:problem_detail", args=[c.threaded.pk]),
        "clerk",
    ),
    ("news section", lambda c: c.tree.news.url, None),
    ("search", lambda c: reverse("search:search") + f"?q={TAG}", None),
    ("expert profile", _expert_profile, None),
    ("API problems", lambda c: "/api/v3/problems/?limit=100", None),
    ("API tags", lambda c: "/api/v3/tags/", None),
    ("API search", lambda c: f"/api/v3/search/?q={TAG}", None),
    ("API pages", lambda c: "/api/v3/pages/?limit=20", None),
    ("admin screening queue", lambda c: reverse("qa_screening:queue"), "clerk"),
]


def _queries(client, url: str) -> list[str]:
    # The first request fills per-process caches (content types); the cache is then
    # emptied so that every measured request is the worst case (counters fragment,
    # Wagtail's site roots computed again).
    client.get(url, HTTP_HOST="localhost")
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200, (url, response.status_code)
    return [q["sql"] for q in queries.captured_queries]


def _measure(client, corpus) -> dict[str, list[str]]:
    counts = {}
    for name, url_for, who in CASES:
        url = url_for(corpus)
        if url is None:
            continue
        client.logout()
        if who == "owner":
            client.force_login(corpus.enterprise.user)
        elif who == "clerk":
            client.force_login(corpus.clerk)
        counts[name] = _queries(client, url)
    return counts


def test_queries_do_not_grow_with_the_data(client, corpus):
    corpus.grow(10)
    at_10 = _measure(client, corpus)
    corpus.grow(100)
    at_100 = _measure(client, corpus)
    growing = {
        name: (len(at_10[name]), len(at_100[name]))
        for name in at_10
        if len(at_10[name]) != len(at_100[name])
    }
    extra = {name: sorted(set(at_100[name]) ^ set(at_10[name]))[:6] for name in growing}
    assert not growing, f"queries at 10 → 100 items: {growing}; differing: {extra}"
    assert set(at_10) >= {name for name, _, _ in CASES} - {"expert profile"}
