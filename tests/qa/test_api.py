"""The Q&A part of the headless API: same rules as the pages, clear 400s."""

import pytest
from wagtail.models import APIToken

from qa import services
from qa.models import Answer, Problem, Visibility
from tests.factories.qa import ProblemFactory
from tests.factories.stations import ExpertFactory

API = "/api/v3"


def bearer(user):
    _token, key = APIToken.create_token(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def answered(problem, expert, clerk):
    answer = services.answer_create(problem=problem, user=expert.user, text="公开方案")
    services.answer_screen(answer=answer, user=clerk, approve=True, quality_score=4)
    services.answer_create(
        problem=problem, user=ExpertFactory().user, text="未审核方案"
    )
    return problem


@pytest.mark.django_db
def test_list_filters_paginates_and_hides_what_the_public_cannot_see(
    client, enterprise
):
    first = ProblemFactory(
        enterprise=enterprise, tags=["人参"], industry="ginseng_fungi"
    )
    second = ProblemFactory(enterprise=enterprise)
    secret = ProblemFactory(enterprise=enterprise, visibility=Visibility.EXPERTS)
    ProblemFactory(enterprise=enterprise, clerk=None)  # not yet checked
    Problem.objects.update(created_at=first.created_at)  # equal times: id decides
    data = client.get(f"{API}/problems/").json()
    assert data["count"] == 2
    assert [p["id"] for p in data["items"]] == [second.pk, first.pk]
    page2 = client.get(f"{API}/problems/", {"limit": 1, "offset": 1}).json()
    assert [p["id"] for p in page2["items"]] == [first.pk]
    tagged = client.get(f"{API}/problems/", {"tag": "人参"}).json()
    assert [p["id"] for p in tagged["items"]] == [first.pk]
    industry = client.get(f"{API}/problems/", {"industry": "ginseng_fungi"}).json()
    assert [p["id"] for p in industry["items"]] == [first.pk]
    assert secret.pk not in [p["id"] for p in data["items"]]
    assert client.get(f"{API}/problems/{secret.pk}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"limit": "-1"},
        {"limit": "0"},
        {"limit": "1000"},
        {"offset": "x"},
        {"status": "draft"},
        {"industry": "mining"},
        {"region": "beijing"},
        {"tag": "没有这个标签"},
        {"colour": "red"},
    ],
)
def test_bad_parameters_are_a_json_400(client, problem, params):
    response = client.get(f"{API}/problems/", params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/")
    assert response.json()


@pytest.mark.django_db
def test_detail_shows_published_answers_only_and_safe_html(
    client, enterprise, answered
):
    Problem.objects.filter(pk=answered.pk).update(
        description="[x](javascript:alert(1)) <script>alert(1)</script>"
    )
    data = client.get(f"{API}/problems/{answered.pk}/").json()
    assert [a["text"] for a in data["answers"]] == ["公开方案"]
    assert "javascript:" not in data["description_html"]
    assert data["attachments"] == []
    assert "<script" not in data["description_html"]


@pytest.mark.django_db
def test_enterprise_posts_with_a_token_others_are_refused(client, enterprise, expert):
    body = {
        "title": "API 提交的难题",
        "description": "描述",
        "industry": "grain",
        "region": "changchun",
        "tags": ["Python", "ＰＹＴＨＯＮ"],
    }
    assert (
        client.post(
            f"{API}/problems/", body, content_type="application/json"
        ).status_code
        == 401
    )
    refused = client.post(
        f"{API}/problems/", body, content_type="application/json", **bearer(expert.user)
    )
    assert refused.status_code == 403
    created = client.post(
        f"{API}/problems/",
        body,
        content_type="application/json",
        **bearer(enterprise.user),
    )
    assert created.status_code == 201
    problem = Problem.objects.get()
    assert created.json()["status"] == "submitted" and problem.tags.count() == 1
    bad = client.post(
        f"{API}/problems/",
        {**body, "visibility": "everyone"},
        content_type="application/json",
        **bearer(enterprise.user),
    )
    assert bad.status_code == 400
    assert Problem.objects.count() == 1


@pytest.mark.django_db
def test_answers_through_the_api_follow_the_same_rules(
    client, problem, expert, pending_expert
):
    url = f"{API}/problems/{problem.pk}/answers/"
    body = {"text": "API 方案"}
    assert (
        client.post(
            url, body, content_type="application/json", **bearer(pending_expert.user)
        ).status_code
        == 403
    )
    assert (
        client.post(
            url,
            body,
            content_type="application/json",
            **bearer(problem.enterprise.user),
        ).status_code
        == 403
    )
    response = client.post(
        url, body, content_type="application/json", **bearer(expert.user)
    )
    assert response.status_code == 201
    answer = Answer.objects.get()
    assert answer.screening == "pending"
    listed = client.get(f"{API}/problems/{problem.pk}/").json()
    assert listed["answers"] == []  # not public before screening
    draft = services.problem_create(
        enterprise=problem.enterprise, title="草稿", description="x",
        industry="other", region="changchun", tags=[], submit=False,
    )  # fmt: skip
    response = client.post(
        f"{API}/problems/{draft.pk}/answers/", body,
        content_type="application/json", **bearer(expert.user),
    )  # fmt: skip
    assert response.status_code == 403
    assert Answer.objects.count() == 1


@pytest.mark.django_db
def test_session_auth_reads_experts_only_problems(client, expert, enterprise):
    secret = ProblemFactory(enterprise=enterprise, visibility=Visibility.EXPERTS)
    client.force_login(expert.user)
    assert client.get(f"{API}/problems/{secret.pk}/").status_code == 200
    assert secret.pk in [
        p["id"] for p in client.get(f"{API}/problems/").json()["items"]
    ]


@pytest.mark.django_db
def test_tags_and_search(client, enterprise):
    problem = ProblemFactory(
        enterprise=enterprise, title="人参皂苷提取率低", tags=["人参"],
        description="乙醇回流提取人参皂苷，得率只有 2%。",
    )  # fmt: skip
    ProblemFactory(
        enterprise=enterprise, title="人参秘密工艺", visibility=Visibility.EXPERTS
    )
    tags = client.get(f"{API}/tags/").json()
    assert {
        "name": "人参",
        "slug": "人参",
        "count": 1,
        "url": "/problems/tags/%E4%BA%BA%E5%8F%82/",
    } in tags
    hits = client.get(f"{API}/search/", {"q": "人参"}).json()["items"]
    problem_hits = [h for h in hits if h["type"] == "problem"]
    assert [h["url"] for h in problem_hits] == [problem.get_absolute_url()]
    assert "<mark>" in problem_hits[0]["snippet"]
    assert client.get(f"{API}/search/").status_code == 400


@pytest.mark.django_db
def test_routes_are_in_the_one_openapi_schema(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    for path in ["/api/v3/problems/", "/api/v3/problems/{problem_id}/",
                 "/api/v3/problems/{problem_id}/answers/", "/api/v3/tags/",
                 "/api/v3/search/", "/api/v3/pages/"]:  # fmt: skip
        assert path in paths


@pytest.mark.django_db
def test_bad_parameters_are_explained_in_chinese(client):
    response = client.get("/api/v3/problems/", {"limit": "-1"})
    assert response.status_code == 400
    assert "limit 必须" in response.content.decode()


@pytest.mark.django_db
def test_search_pages_through_problems_then_pages(client, enterprise):
    from wagtail.models import Page

    from knowledge.models import StandardPage

    for n in range(3):
        ProblemFactory(enterprise=enterprise, title=f"锅炉结垢问题{n}")
    root = Page.get_first_root_node()
    for n in range(2):
        root.add_child(instance=StandardPage(title=f"锅炉节能技术{n}"))
    url = f"{API}/search/"
    whole = client.get(url, {"q": "锅炉"}).json()
    assert whole["count"] == 5
    assert [h["type"] for h in whole["items"]] == ["problem"] * 3 + ["page"] * 2
    window = client.get(url, {"q": "锅炉", "offset": 2, "limit": 2}).json()
    assert window == {"count": 5, "items": whole["items"][2:4]}
    beyond = client.get(url, {"q": "锅炉", "offset": 5}).json()
    assert beyond == {"count": 5, "items": []}
    pages = client.get(url, {"q": "锅炉", "type": "pages", "limit": 1}).json()
    assert pages["count"] == 2 and [h["type"] for h in pages["items"]] == ["page"]
    for bad in ({"limit": "-1"}, {"offset": "abc"}, {"type": "news"}, {"page": "2"}):
        response = client.get(url, {"q": "锅炉", **bad})
        assert response.status_code == 400, bad
        assert "锅炉" not in response.content.decode()


@pytest.mark.django_db
def test_problems_filter_by_a_tag_name_or_slug(client, enterprise):
    ProblemFactory(enterprise=enterprise, title="PLC 通讯故障", tags=["PLC"])
    for tag in ("plc", "PLC", "ＰＬＣ"):
        assert client.get(f"{API}/problems/", {"tag": tag}).json()["count"] == 1, tag
    assert client.get(f"{API}/problems/", {"tag": "无此标签"}).status_code == 400
    assert "PLC 通讯故障" in client.get("/problems/", {"tag": "PLC"}).content.decode()
