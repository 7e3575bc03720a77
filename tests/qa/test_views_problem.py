import pytest
from django.urls import reverse

from qa import services
from qa.models import Problem, ProblemStatus

CREATE = reverse("qa:problem_create")


def problem_data(**overrides):
    data = {
        "title": "玉米深加工企业污水处理难题",
        "description": "淀粉废水 COD 高达 8000 mg/L，现有 UASB 反应器去除率不足 60%。",
        "industry": "grain",
        "region": "songyuan",
        "tags": "污水处理、玉米深加工，厌氧",
        "urgency": "normal",
        "visibility": "public",
        "contact_channels": ["site", "email"],
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_anonymous_post_is_sent_to_login(client):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    response = client.post(CREATE, problem_data())
    assert response.status_code == 302
    assert not Problem.objects.exists()


@pytest.mark.django_db
def test_enterprise_posts_a_problem_with_chinese_tags(client, enterprise):
    client.force_login(enterprise.user)
    response = client.post(CREATE, problem_data())
    problem = Problem.objects.get()
    assert response.status_code == 302
    assert response.url == problem.get_absolute_url()
    # Submitted, waiting for the clerk's check before experts see it.
    assert problem.status == ProblemStatus.SUBMITTED
    assert problem.enterprise == enterprise
    assert sorted(problem.tags.names()) == sorted(["污水处理", "玉米深加工", "厌氧"])
    assert list(problem.events.values_list("to_status", flat=True)) == [
        ProblemStatus.SUBMITTED,
    ]


@pytest.mark.django_db
def test_expert_cannot_post_a_problem(client, expert):
    client.force_login(expert.user)
    assert client.post(CREATE, problem_data()).status_code == 403
    assert not Problem.objects.exists()


@pytest.mark.django_db
def test_missing_fields_keep_the_form_with_errors(client, enterprise):
    client.force_login(enterprise.user)
    response = client.post(CREATE, problem_data(title="", description=""))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "description"}
    assert not Problem.objects.exists()


@pytest.mark.django_db
def test_list_filters_by_tag_and_status(client, problem):
    other = type(problem).objects.create(
        enterprise=problem.enterprise,
        title="人参皂苷提取率低",
        description="乙醇回流提取",
        industry="ginseng_fungi",
        status=ProblemStatus.SOLVED,
    )
    other.tags.set(["人参"])
    url = reverse("qa:problem_list")
    page = client.get(url).content.decode()
    assert problem.title in page and other.title in page
    tagged = client.get(url, {"tag": "人参"}).content.decode()
    assert other.title in tagged and problem.title not in tagged
    open_only = client.get(url, {"status": "open"}).content.decode()
    assert problem.title in open_only and other.title not in open_only


@pytest.mark.django_db
def test_drafts_are_not_public(client, enterprise):
    draft = Problem.objects.create(
        enterprise=enterprise, title="未提交的草稿", description="x", industry="other"
    )
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in client.get(reverse("qa:problem_list")).content.decode()
    client.force_login(enterprise.user)
    assert client.get(draft.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_a_problem_is_found_by_its_tags_as_soon_as_it_is_posted(enterprise):
    problem = services.problem_create(
        enterprise=enterprise,
        title="发酵罐温度波动",
        description="夏季冷却水不足。",
        industry="grain",
        region="changchun",
        tags=["赖氨酸发酵"],
    )
    assert list(Problem.objects.search("赖氨酸发酵")) == [problem]
