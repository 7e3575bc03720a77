"""Bad input is refused with a Chinese message and writes nothing; HTML is inert.

One table per form or endpoint: over-long fields, wrong formats and types,
malformed JSON, HTML and script.
"""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from knowledge.models import EventRegistration
from qa.models import Answer, Problem, ProblemStatus
from stations.models import Enterprise, User
from tests.knowledge.conftest import tree  # noqa: F401  (fixture)
from tests.knowledge.test_events import (
    CONTACT,
    fair,  # noqa: F401  (fixture)
)
from tests.stations.test_views_register import form_data

CHINESE = re.compile(r"[\u4e00-\u9fff]")
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def counts():
    return (
        User.objects.count(),
        Enterprise.objects.count(),
        Problem.objects.count(),
        Answer.objects.count(),
        EventRegistration.objects.count(),
    )


def errors_of(response) -> str:
    """The form errors shown on the page, as text."""
    form = response.context["form"]
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


REGISTRATION = [
    ("name", "长" * 300),
    ("credit_code", "91220101MA0000000X"),
    ("credit_code", "12345"),
    ("credit_code", "<b>91220101</b>"),
    ("phone", "1380000123"),
    ("phone", "+86 138 0000 1234 5"),
    ("email", "not-an-email"),
    ("email", "a@b@c.com"),
    ("username", "x" * 200),
    ("username", "../../etc/passwd"),
    ("size", "gigantic"),
    ("industry", SCRIPT),
    ("contact_person", "王" * 300),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "value"), REGISTRATION)
def test_enterprise_registration_refuses_bad_fields(client, field, value):
    before = counts()
    response = client.post(reverse("enterprise_register"), form_data(**{field: value}))
    assert response.status_code == 200
    assert CHINESE.search(errors_of(response))
    assert counts() == before


def problem_data(**overrides):
    data = {
        "title": "玉米烘干机能耗过高",
        "description": "烘干一吨玉米耗电明显高于说明书，已经更换过风机。",
        "industry": "grain",
        "region": "changchun",
        "urgency": "normal",
        "contact_channels": ["site"],
        "visibility": "public",
        "tags": "烘干",
    }
    data.update(overrides)
    return data


PROBLEM = [
    ("title", "难" * 500),
    ("title", ""),
    ("description", ""),
    ("description", "长" * 50_001),
    ("industry", "nonsense"),
    ("region", "../../etc"),
    ("urgency", "yesterday"),
    ("visibility", "everyone"),
    ("contact_channels", ["carrier-pigeon"]),
    ("tags", "、".join(f"标签{n}" for n in range(100))),
    ("tags", "烘干、" + "长" * 51),  # longer than a tag can be (was cut short)
    ("tags", "烘干、😀😀"),  # no letter or digit: was dropped silently
]


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "value"), PROBLEM)
def test_problem_form_refuses_bad_fields(client, enterprise, field, value):
    client.force_login(enterprise.user)
    before = counts()
    response = client.post(reverse("qa:problem_create"), problem_data(**{field: value}))
    assert response.status_code == 200
    assert CHINESE.search(errors_of(response))
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "value"), PROBLEM[:4] + PROBLEM[-3:])
def test_problem_edit_refuses_bad_fields_and_keeps_the_problem(
    client, enterprise, field, value
):
    client.force_login(enterprise.user)
    client.post(reverse("qa:problem_create"), problem_data(), follow=True)
    problem = Problem.objects.get()
    response = client.post(
        reverse("qa:problem_edit", args=[problem.pk]), problem_data(**{field: value})
    )
    assert response.status_code == 200
    assert CHINESE.search(errors_of(response))
    problem.refresh_from_db()
    assert problem.title == "玉米烘干机能耗过高"


@pytest.mark.django_db
def test_html_in_every_problem_field_is_shown_as_text(client, enterprise):
    client.force_login(enterprise.user)
    client.post(
        reverse("qa:problem_create"),
        problem_data(title="标题" + SCRIPT, description="描述" + SCRIPT, tags="烘干"),
    )
    problem = Problem.objects.get()
    Problem.objects.filter(pk=problem.pk).update(status=ProblemStatus.OPEN)
    for url in (problem.get_absolute_url(), reverse("qa:problem_list")):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;" in html


@pytest.fixture
def open_problem(problem):
    Problem.objects.filter(pk=problem.pk).update(status=ProblemStatus.OPEN)
    return problem


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["", "   ", "解" * 3001])
def test_answer_refuses_empty_and_over_long_text(client, expert, open_problem, text):
    client.force_login(expert.user)
    before = counts()
    response = client.post(
        reverse("qa:answer_create", args=[open_problem.pk]), {"text": text}
    )
    assert response.status_code == 400
    assert CHINESE.search(response.content.decode())
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "12345"),
        ("phone", "138000012345"),
        ("contact_name", "王" * 51),
        ("contact_name", ""),
        ("note", "注" * 1001),
    ],
)
def test_event_registration_refuses_bad_fields(client, fair, enterprise, field, value):  # noqa: F811
    client.force_login(enterprise.user)
    response = client.post(
        f"/events/{fair.pk}/register/", {**CONTACT, field: value}, follow=True
    )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert shown and CHINESE.search(" ".join(shown))
    assert not EventRegistration.objects.exists()


# The API (/api/v3/): malformed JSON, wrong types, over-long, unknown choices.

API_PROBLEMS = "/api/v3/problems/"
GOOD_API_PROBLEM = {
    "title": "玉米烘干机能耗过高",
    "description": "烘干一吨玉米耗电明显高于说明书。",
    "industry": "grain",
    "region": "changchun",
}

API_BAD_BODIES = [
    "{not json",
    "",
    "[]",
    "null",
    '"a string"',
    json.dumps({**GOOD_API_PROBLEM, "title": 123}),
    json.dumps({**GOOD_API_PROBLEM, "title": None}),
    json.dumps({**GOOD_API_PROBLEM, "tags": "烘干"}),
    json.dumps({**GOOD_API_PROBLEM, "tags": [{"a": 1}]}),
    json.dumps({**GOOD_API_PROBLEM, "submit": "perhaps"}),
    json.dumps({k: v for k, v in GOOD_API_PROBLEM.items() if k != "title"}),
    json.dumps({**GOOD_API_PROBLEM, "title": "难" * 500}),
    json.dumps({**GOOD_API_PROBLEM, "industry": "nonsense"}),
    json.dumps({**GOOD_API_PROBLEM, "urgency": "<script>"}),
    json.dumps({**GOOD_API_PROBLEM, "contact_channels": ["pigeon"]}),
    json.dumps({**GOOD_API_PROBLEM, "visibility": "everyone"}),
    json.dumps({**GOOD_API_PROBLEM, "description": "长" * 20_001}),
    json.dumps({**GOOD_API_PROBLEM, "tags": [f"标签{n}" for n in range(11)]}),
    json.dumps({**GOOD_API_PROBLEM, "tags": ["烘干", "长" * 51]}),
    json.dumps({**GOOD_API_PROBLEM, "tags": ["烘干", "!!!"]}),
]


def assert_api_refusal(response):
    assert 400 <= response.status_code < 500, response.content[:300]
    assert CHINESE.search(response.content.decode()), response.content[:300]


@pytest.mark.django_db
@pytest.mark.parametrize("body", API_BAD_BODIES)
def test_api_problem_post_refuses_bad_bodies(client, enterprise, body):
    client.force_login(enterprise.user)
    before = counts()
    response = client.post(API_PROBLEMS, body, content_type="application/json")
    assert_api_refusal(response)
    assert counts() == before


@pytest.mark.django_db
def test_api_good_problem_is_accepted(client, enterprise):
    """The table above is refused for its faults, not for everything."""
    client.force_login(enterprise.user)
    response = client.post(
        API_PROBLEMS, json.dumps(GOOD_API_PROBLEM), content_type="application/json"
    )
    assert response.status_code == 201


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "[]",
        json.dumps({"text": 5}),
        json.dumps({"text": ""}),
        json.dumps({"text": "解" * 3001}),
        json.dumps({}),
    ],
)
def test_api_answer_post_refuses_bad_bodies(client, expert, open_problem, body):
    client.force_login(expert.user)
    before = counts()
    response = client.post(
        f"{API_PROBLEMS}{open_problem.pk}/answers/",
        body,
        content_type="application/json",
    )
    assert_api_refusal(response)
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "?limit=abc",
        "?limit=-1",
        "?limit=100000",
        "?offset=x",
        "?offset=²",
        "?limit=①",
        "?status=<script>",
        "?industry=nonsense",
        "?unknown=1",
    ],
)
def test_api_problem_list_refuses_bad_parameters(client, query):
    assert_api_refusal(client.get(API_PROBLEMS + query))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v3/pages/", "/api/v3/images/", API_PROBLEMS])
@pytest.mark.parametrize("name", ["offset", "limit"])
def test_paging_numbers_no_database_takes_are_a_400(client, path, name):
    response = client.get(f"{path}?{name}={'9' * 20}")
    assert_api_refusal(response)
    assert "数值过大" in response.json()["detail"]
    assert response.json()["title"] == "请求有误"
    assert client.get(f"{path}?{name}=1").status_code == 200


@pytest.mark.django_db
def test_an_api_body_over_the_size_limit_is_a_chinese_413(client, enterprise, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(enterprise.user)
    before = counts()
    body = json.dumps({**GOOD_API_PROBLEM, "description": "字" * 10_000})
    response = client.post(API_PROBLEMS, body, content_type="application/json")
    assert response.status_code == 413
    assert "请求内容过大" in response.json()["detail"]
    assert counts() == before


@pytest.mark.django_db
def test_a_web_form_over_the_size_limit_is_a_chinese_400(client, enterprise, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(enterprise.user)
    before = counts()
    response = client.post(
        reverse("qa:problem_create"), problem_data(description="字" * 10_000)
    )
    assert response.status_code == 400
    assert "无法接收" in response.content.decode()
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        {**GOOD_API_PROBLEM, "title": "烘干\x00机"},
        {**GOOD_API_PROBLEM, "description": "\x00"},
        {**GOOD_API_PROBLEM, "tags": ["烘\x00干"]},
    ],
)
def test_nul_characters_are_refused_by_the_api(client, enterprise, body):
    client.force_login(enterprise.user)
    before = counts()
    response = client.post(
        API_PROBLEMS, json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    assert "空字符" in response.json()["detail"]
    assert counts() == before


@pytest.mark.django_db
def test_nul_in_an_api_answer_is_refused(client, expert, open_problem):
    client.force_login(expert.user)
    before = Answer.objects.count()
    response = client.post(
        f"{API_PROBLEMS}{open_problem.pk}/answers/",
        json.dumps({"text": "回答\x00内容"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert Answer.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/v3/problems/abc/", 404),
        ("get", "/api/v3/no-such-endpoint/", 404),
        ("put", API_PROBLEMS, 405),
        ("delete", API_PROBLEMS + "1/", 405),
    ],
)
def test_api_refusals_outside_the_endpoints_are_chinese_json(
    client, method, path, status
):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/problem+json")
    assert CHINESE.search(response.json()["title"])
    assert CHINESE.search(response.json()["detail"])
    if status == 405:
        assert "GET" in response["Allow"]


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["１", "٣", "00000000000000000001"])
def test_paging_numbers_int_reads_are_taken(client, value):
    assert client.get(f"{API_PROBLEMS}?offset={value}").status_code == 200


@pytest.mark.django_db
def test_superscript_digits_are_no_numbers_anywhere(client, enterprise):
    from tests.factories.knowledge import site_tree

    site_tree()
    assert client.get("/news/?year=²²²²").status_code in (200, 404)
    client.force_login(enterprise.user)
    assert client.post("/accounts/inbox/read/", {"notification": "²"}).status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "body", "status", "words"),
    [
        ("get", "/api/v3/pages/?limit=99", None, 400, "limit 不能大于 20"),
        ("get", "/api/v3/problems/999999/", None, 404, "没有找到"),
        ("get", "/api/v3/pages/999999/", None, 404, "没有找到"),
        ("post", API_PROBLEMS, "{not json", 400, "JSON"),
        ("post", API_PROBLEMS, "{}", 401, "请登录"),
        ("post", API_PROBLEMS, "{}", 403, "CSRF"),
    ],
)
def test_api_refusals_are_in_chinese_title_and_all(
    client, enterprise, method, path, body, status, words
):
    from tests.qa.test_api import bearer

    kwargs = {"content_type": "application/json", "data": body} if body else {}
    if words == "JSON":
        kwargs.update(bearer(enterprise.user))
    if words == "CSRF":
        client = Client(enforce_csrf_checks=True)
        client.force_login(enterprise.user)
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status
    problem = response.json()
    assert words in problem["detail"]
    assert CHINESE.search(problem["title"]) and CHINESE.search(problem["detail"])
