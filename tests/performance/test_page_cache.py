"""The anonymous page cache: fresh after every change, never for signed-in users,
never holding private data; conditional GETs; forms on cached pages still work."""

import re

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from config.caching import AnonymousPageCacheMiddleware
from qa import services
from qa.models import Visibility
from tests.factories.knowledge import news, site_tree
from tests.factories.qa import ProblemFactory
from tests.factories.stations import ExpertFactory

HOST = {"HTTP_HOST": "localhost"}


@pytest.fixture(autouse=True)
def _page_cache_on(settings, db):
    settings.XUNJIE_PAGE_CACHE = True
    cache.clear()
    # The first request of a new site creates its settings row (a content change).
    Client().get("/problems/", HTTP_HOST="localhost")


@pytest.fixture
def answered(problem, expert, clerk):
    answer = services.answer_create(problem=problem, user=expert.user, text="先调 pH")
    services.answer_screen(answer=answer, user=clerk, approve=True, quality_score=4)
    return problem


def get(client, url, **extra):
    return client.get(url, **HOST, **extra)


@pytest.mark.django_db
def test_second_anonymous_visit_is_served_from_the_cache(client, answered):
    url = answered.get_absolute_url()
    first, second = get(client, url), get(client, url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content.decode().count("先调 pH") == 1


@pytest.mark.django_db
def test_screened_answer_appears_at_once_on_a_cached_page(
    client, answered, expert, clerk
):
    url = answered.get_absolute_url()
    get(client, url)
    assert get(client, url)["X-Page-Cache"] == "hit"
    answer = services.answer_create(
        problem=answered, user=expert.user, text="再加一级沉淀池"
    )
    pending = get(client, url)
    assert "再加一级沉淀池" not in pending.content.decode()  # not yet screened
    services.answer_screen(answer=answer, user=clerk, approve=True, quality_score=5)
    after = get(client, url)
    assert after["X-Page-Cache"] == "miss"
    assert "再加一级沉淀池" in after.content.decode()


@pytest.mark.django_db
def test_status_change_and_new_problem_refresh_the_lists(client, problem, enterprise):
    url = reverse("qa:problem_list")
    get(client, url)
    ProblemFactory(enterprise=enterprise, title="新发布的注塑成型难题")
    assert "新发布的注塑成型难题" in get(client, url).content.decode()
    detail = problem.get_absolute_url()
    get(client, detail)
    services.problem_change_status(
        problem=problem, user=enterprise.user, to_status="closed", note="已自行解决"
    )
    assert "已自行解决" in get(client, detail).content.decode()


@pytest.mark.django_db
def test_publishing_a_page_refreshes_the_cached_listing():
    tree = site_tree()
    client = Client()
    get(client, tree.news.url)
    news(tree.news, title="服务站召开专家座谈会")
    response = get(client, tree.news.url)
    assert response["X-Page-Cache"] == "miss"
    assert "服务站召开专家座谈会" in response.content.decode()


@pytest.mark.django_db
def test_signed_in_user_never_gets_the_cached_anonymous_page(client, answered):
    url = answered.get_absolute_url()
    get(client, url)
    assert get(client, url)["X-Page-Cache"] == "hit"
    client.force_login(answered.enterprise.user)
    response = get(client, url)
    assert "X-Page-Cache" not in response
    assert "Log out" in response.content.decode() or "退出" in response.content.decode()


@pytest.mark.django_db
def test_private_data_never_enters_the_cache(client, problem, expert, enterprise):
    # A pending answer is shown only to its author; the page he sees is not kept.
    services.answer_create(problem=problem, user=expert.user, text="作者才能看到的草稿")
    url = problem.get_absolute_url()
    client.force_login(expert.user)
    assert "作者才能看到的草稿" in get(client, url).content.decode()
    visitor = Client()
    for _ in range(2):
        response = get(visitor, url)
        assert "作者才能看到的草稿" not in response.content.decode()
    # An experts-only problem read by an expert is not served to visitors.
    hidden = ProblemFactory(enterprise=enterprise, visibility=Visibility.EXPERTS)
    assert get(client, hidden.get_absolute_url()).status_code == 200
    assert get(Client(), hidden.get_absolute_url()).status_code == 404


def _anonymous_request(path="/flash/"):
    request = RequestFactory().get(path, HTTP_HOST="localhost")
    SessionMiddleware(lambda r: None).process_request(request)
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.django_db
def test_page_with_a_flash_message_is_not_cached():
    rendered = []

    def view(request):
        messages.info(request, "只给这位访客看的提示")
        rendered.append(request)
        return HttpResponse("<p>页面</p>", content_type="text/html")

    middleware = AnonymousPageCacheMiddleware(view)
    middleware(_anonymous_request())
    second = middleware(_anonymous_request())
    assert len(rendered) == 2
    assert "X-Page-Cache" not in second


@pytest.mark.django_db
def test_conditional_get_answers_304_until_something_changes(
    client, answered, expert, clerk
):
    url = answered.get_absolute_url()
    get(client, url)  # the visitor's CSRF cookie is part of the tag
    first = get(client, url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert get(client, url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert get(client, url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    answer = services.answer_create(problem=answered, user=expert.user, text="补充")
    services.answer_screen(answer=answer, user=clerk, approve=True, quality_score=3)
    assert get(client, url, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.django_db
def test_forms_on_a_cached_page_carry_the_visitors_own_csrf_token(answered):
    url = answered.get_absolute_url()
    Client().get(url, **HOST)  # someone else fills the cache
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(url, **HOST)
    assert page["X-Page-Cache"] == "hit"
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert tokens and "__XUNJIE_CSRF_TOKEN__" not in page.text
    response = visitor.post(
        reverse("set_language"),
        {"language": "en", "next": "/", "csrfmiddlewaretoken": tokens[0]},
        **HOST,
    )
    assert response.status_code == 302
    stranger = Client(enforce_csrf_checks=True)
    stranger.get(reverse("qa:problem_list"), **HOST)  # a cookie of its own
    refused = stranger.post(
        reverse("set_language"),
        {"language": "en", "next": "/", "csrfmiddlewaretoken": tokens[0] + "x"},
        **HOST,
    )
    assert refused.status_code == 403


@pytest.mark.django_db
def test_language_choice_gets_its_own_cached_page(answered):
    url = answered.get_absolute_url()
    visitor = Client()
    chinese = get(visitor, url).content.decode()
    visitor.cookies["django_language"] = "en"
    english = get(visitor, url).content.decode()
    assert chinese != english


def test_expert_count_change_refreshes_home_counters(db):
    tree = site_tree()
    visitor = Client()
    before = get(visitor, tree.home.url).content.decode()
    ExpertFactory()
    after = get(visitor, tree.home.url).content.decode()
    assert before != after


@pytest.mark.django_db
def test_anonymous_api_reads_are_cached_token_and_session_reads_are_not(
    client, answered, expert, enterprise
):
    from tests.factories.qa import clerk_user
    from tests.qa.test_api import bearer

    url = "/api/v3/problems/"
    first, second = get(client, url), get(client, url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.json() == first.json()
    services.problem_create(
        enterprise=enterprise, title="新的公开难题", description="描述",
        industry="grain", region="changchun", tags=[], clerk=clerk_user(),
    )  # fmt: skip
    after = get(client, url)
    assert after["X-Page-Cache"] == "miss" and after.json()["count"] == 2
    for _ in range(2):
        assert "X-Page-Cache" not in get(client, url, **bearer(expert.user))
    client.force_login(expert.user)
    assert "X-Page-Cache" not in get(client, url)
    for _ in range(2):  # refusals are never kept
        bad = get(Client(), url + "?limit=abc")
        assert bad.status_code == 400 and "X-Page-Cache" not in bad
