"""Description Markdown is rendered inert; visibility; tag pages; similar problems."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from qa import services
from qa.models import ProblemStatus, SolutionKind, Visibility
from tests.factories.qa import ProblemFactory
from tests.factories.stations import EnterpriseFactory

HOSTILE = [
    "[点我](javascript:alert(1))",
    "[点我](&#106;avascript:alert(1))",
    '<a href="&#x6A;avascript&#x3A;alert(1)">点我</a>',
    "[数据](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
]


@pytest.mark.django_db
@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markdown_is_never_active_on_the_page(client, enterprise, payload):
    problem = ProblemFactory(enterprise=enterprise, description=f"正文 {payload}")
    page = client.get(problem.get_absolute_url()).content.decode().lower()
    assert "javascript:" not in page.replace("&#106;", "j")
    assert "data:text/html" not in page
    assert "<script>alert" not in page
    assert "onerror" not in page


@pytest.mark.django_db
def test_markdown_formatting_is_kept(client, enterprise):
    problem = ProblemFactory(
        enterprise=enterprise,
        description="**关键**\n\n- 一\n- 二\n\n[标准](https://www.sac.gov.cn/)",
    )
    page = client.get(problem.get_absolute_url()).content.decode()
    assert "<strong>关键</strong>" in page
    assert "<li>一</li>" in page
    assert 'href="https://www.sac.gov.cn/"' in page


@pytest.mark.django_db
def test_experts_only_problems_are_hidden_from_the_public(client, expert, enterprise):
    secret = ProblemFactory(enterprise=enterprise, visibility=Visibility.EXPERTS)
    listing = reverse("qa:problem_list")
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert secret.title not in client.get(listing).content.decode()
    client.force_login(EnterpriseFactory().user)
    assert client.get(secret.get_absolute_url()).status_code == 404
    client.force_login(expert.user)
    assert client.get(secret.get_absolute_url()).status_code == 200
    assert secret.title in client.get(listing).content.decode()


@pytest.mark.django_db
def test_anonymous_problems_hide_the_company_name(client, enterprise):
    problem = ProblemFactory(enterprise=enterprise, visibility=Visibility.ANONYMOUS)
    client.force_login(problem.enterprise.user)
    services.problem_change_status(
        problem=problem, user=problem.enterprise.user, to_status="closed", note="已解决"
    )
    client.logout()
    search = reverse("search:search") + "?q=" + problem.title
    for url in [problem.get_absolute_url(), reverse("qa:problem_list"), search]:
        page = client.get(url).content.decode()
        assert problem.title in page
        assert enterprise.name not in page


@pytest.mark.django_db
def test_tag_page_has_a_readable_url(client, enterprise):
    tagged = ProblemFactory(enterprise=enterprise, tags=["人参加工"])
    other = ProblemFactory(enterprise=enterprise, tags=["光学"])
    url = reverse("qa:tag", args=["人参加工"])
    assert url == "/problems/tags/%E4%BA%BA%E5%8F%82%E5%8A%A0%E5%B7%A5/"
    page = client.get(url).content.decode()
    assert tagged.title in page and other.title not in page
    assert "人参加工" in page
    assert client.get(reverse("qa:tag", args=["不存在"])).status_code == 404


@pytest.mark.django_db
def test_similar_solved_problems_are_suggested_while_typing(client, enterprise, clerk):
    def solve_at_the_fair(problem):
        # as a verified fair record does (servicedesk fair_solution_verify)
        services.problem_transition(
            problem=problem,
            to_status=ProblemStatus.SOLVED,
            actor=clerk,
            solution_kind=SolutionKind.FAIR,
            solved_at=timezone.now(),
        )

    solved = ProblemFactory(enterprise=enterprise, title="玉米淀粉废水COD超标")
    solve_at_the_fair(solved)
    ProblemFactory(enterprise=enterprise, title="玉米淀粉废水颜色发黑")  # open
    hidden = ProblemFactory(
        enterprise=enterprise, title="玉米淀粉废水氨氮", visibility=Visibility.EXPERTS
    )
    solve_at_the_fair(hidden)
    response = client.get(reverse("qa:similar"), {"title": "淀粉废水"})
    results = json.loads(response.content)["results"]
    assert [r["title"] for r in results] == [solved.title]
    assert results[0]["url"] == solved.get_absolute_url()
    assert json.loads(client.get(reverse("qa:similar")).content)["results"] == []
