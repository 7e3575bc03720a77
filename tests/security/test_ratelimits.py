"""Registration, login, problems and answers: too many POSTs get a Chinese 429
saying when to try again."""

import pytest
from django.urls import reverse

from qa.models import Answer, Problem, ProblemStatus
from stations.models import Enterprise
from tests.factories.stations import PASSWORD, credit_code
from tests.stations.test_views_register import form_data


@pytest.fixture
def tight_limits(settings):
    settings.XUNJIE_RATELIMITS = {
        "register": "2/h",
        "login": "3/m",
        "problem": "2/h",
        "answer": "2/h",
    }
    return settings


def assert_refused_in_chinese(response):
    assert response.status_code == 429
    assert "请求过于频繁" in response.content.decode()
    # seconds left in the limit's window (an hour at most here), and in minutes
    seconds = int(response["Retry-After"])
    assert 1 <= seconds <= 3600
    assert f"请约 {-(-seconds // 60)} 分钟后再试" in response.content.decode()


@pytest.mark.django_db
def test_registration_limited_per_address(client, tight_limits):
    for n in range(2):
        client.post(
            reverse("enterprise_register"),
            form_data(username=f"u{n}", credit_code=credit_code(100 + n)),
        )
        client.logout()
    assert Enterprise.objects.count() == 2
    third = client.post(
        reverse("enterprise_register"),
        form_data(username="u3", credit_code=credit_code(103)),
    )
    assert_refused_in_chinese(third)
    assert Enterprise.objects.count() == 2
    # another address still registers
    other = client.post(
        reverse("enterprise_register"),
        form_data(username="u4", credit_code=credit_code(104)),
        REMOTE_ADDR="10.9.9.9",
    )
    assert other.status_code == 302


@pytest.mark.django_db
def test_login_limited_per_address_across_usernames(client, tight_limits, enterprise):
    for name in ("a", "b", "c"):
        client.post(reverse("login"), {"username": name, "password": "x"})
    response = client.post(
        reverse("login"),
        {"username": enterprise.user.username, "password": PASSWORD},
    )
    assert_refused_in_chinese(response)
    assert "_auth_user_id" not in client.session
    # reading the form is never limited
    assert client.get(reverse("login")).status_code == 200


@pytest.mark.django_db
def test_admin_login_shares_the_login_limit(client, tight_limits, clerk):
    client.post(reverse("login"), {"username": "a", "password": "x"})
    for name in ("b", "c"):
        client.post(reverse("wagtailadmin_login"), {"username": name, "password": "x"})
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": clerk.username, "password": PASSWORD},
    )
    assert_refused_in_chinese(response)
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("wagtailadmin_login")).status_code == 200
    other = client.post(
        reverse("wagtailadmin_login"),
        {"username": clerk.username, "password": PASSWORD},
        REMOTE_ADDR="10.9.9.8",
    )
    assert other.status_code == 302 and client.session["_auth_user_id"]


def problem_data(n):
    return {
        "title": f"玉米烘干机能耗过高的问题{n}",
        "description": "烘干一吨玉米耗电明显高于说明书，已经更换过风机，请专家指导。",
        "industry": "grain",
        "region": "changchun",
        "urgency": "normal",
        "contact_channels": ["site"],
        "visibility": "public",
        "tags": "烘干",
    }


@pytest.mark.django_db
def test_problem_posting_limited_per_user(client, tight_limits, enterprise):
    client.force_login(enterprise.user)
    url = reverse("qa:problem_create")
    for n in range(2):
        assert client.post(url, problem_data(n)).status_code == 302
    assert_refused_in_chinese(client.post(url, problem_data(3)))
    assert Problem.objects.count() == 2


@pytest.mark.django_db
def test_answering_limited_per_expert(client, tight_limits, expert, problem):
    Problem.objects.filter(pk=problem.pk).update(status=ProblemStatus.OPEN)
    client.force_login(expert.user)
    url = reverse("qa:answer_create", args=[problem.pk])
    for n in range(2):
        client.post(url, {"text": f"建议先检查热风温度和物料含水率，第{n}条。"})
    assert Answer.objects.count() == 2
    third = client.post(url, {"text": "第三条解答。"})
    assert_refused_in_chinese(third)
    assert Answer.objects.count() == 2


@pytest.mark.django_db
def test_api_posts_share_the_limits(client, tight_limits, enterprise):
    client.force_login(enterprise.user)
    body = {
        "title": "玉米烘干机能耗过高",
        "description": "烘干一吨玉米耗电明显高于说明书。",
        "industry": "grain",
        "region": "changchun",
    }
    for _ in range(2):
        response = client.post(
            "/api/v3/problems/", body, content_type="application/json"
        )
        assert response.status_code == 201
    refused = client.post("/api/v3/problems/", body, content_type="application/json")
    assert refused.status_code == 429
    assert "请求过多" in refused.json()["detail"]
    assert 1 <= int(refused["Retry-After"]) <= 3600
    assert Problem.objects.count() == 2


@pytest.mark.django_db
def test_expert_registration_limited_per_address(client, tight_limits):
    url = reverse("experts:register")
    for _ in range(2):
        assert client.post(url, {"username": "x"}).status_code == 200  # form errors
    assert_refused_in_chinese(client.post(url, {"username": "x"}))
    assert client.get(url).status_code == 200  # reading the form is never limited


@pytest.mark.django_db
def test_a_counter_store_that_fails_lets_honest_users_through(
    client, tight_limits, enterprise, monkeypatch
):
    from django.core.cache import caches

    store = caches["ratelimit"]
    monkeypatch.setattr(store, "add", lambda *args, **kwargs: False)

    def broken_incr(*args, **kwargs):
        raise ValueError("database is locked")

    monkeypatch.setattr(store, "incr", broken_incr)
    response = client.post(
        reverse("login"),
        {"username": enterprise.user.username, "password": PASSWORD},
    )
    assert response.status_code == 302
