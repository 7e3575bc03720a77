import pytest
from django.urls import reverse
from wagtail.models import Site

from knowledge.models import NewsPage, SectionIndexPage
from qa.models import Problem, ProblemStatus
from tests.factories.qa import ProblemFactory

URL = reverse("search:search")


@pytest.fixture
def news(db):
    home = Site.objects.get(is_default_site=True).root_page
    section = home.add_child(instance=SectionIndexPage(title="工作动态", slug="news"))
    return section.add_child(
        instance=NewsPage(
            title="服务站举办人工智能培训",
            date="2026-11-20",
            body=[
                ("paragraph", "<p>发布《深度学习入门指南》，帮助企业开展污水监测。</p>")
            ],
        )
    )


@pytest.mark.django_db
def test_a_word_inside_a_chinese_sentence_finds_problem_and_page(whoosh, client, news):
    problem = ProblemFactory(title="玉米深加工企业污水处理难题")
    ProblemFactory(
        title="汽车零部件焊接变形", description="焊后变形量超过 2 毫米。", tags=["焊接"]
    )
    response = client.get(URL, {"q": "污水"})
    html = response.content.decode()
    assert response.status_code == 200
    assert problem.get_absolute_url() in html
    assert news.url in html
    assert "焊接变形" not in html
    assert "<mark>污水</mark>" in html


@pytest.mark.django_db
def test_streamfield_text_is_found_by_words_not_json_escapes(whoosh, client, news):
    html = client.get(URL, {"q": "深度学习"}).content.decode()
    assert news.url in html
    assert news.url not in client.get(URL, {"q": "u6df1"}).content.decode()


@pytest.mark.django_db
def test_private_problems_are_never_found(client, enterprise):
    Problem.objects.create(
        enterprise=enterprise,
        title="草稿里的污水难题",
        description="未提交",
        industry="grain",
        status=ProblemStatus.DRAFT,
    )
    assert "草稿里的污水难题" not in client.get(URL, {"q": "污水"}).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ['22" BX', '"web 3d', "(((", "[a TO", "\\", "学*", "NOT 安装", "　", "<b>"]
)
def test_odd_input_never_fails(client, query):
    ProblemFactory()
    assert client.get(URL, {"q": query}).status_code == 200


@pytest.mark.django_db
def test_one_kind_is_paginated(client, whoosh):
    for n in range(12):
        ProblemFactory(title=f"焊接工艺问题第{n}号")
    first = client.get(URL, {"q": "焊接", "type": "problems"})
    assert len(first.context["sections"]) == 1
    assert len(first.context["sections"][0]["page"].hits) == 10
    second = client.get(URL, {"q": "焊接", "type": "problems", "page": 2})
    assert len(second.context["sections"][0]["page"].hits) == 2


@pytest.mark.django_db
def test_the_page_trees_root_is_never_a_result(client, whoosh):
    from wagtail.models import Page

    root = Page.get_first_root_node()
    whoosh.add(root)
    html = client.get(URL, {"q": root.title}).content.decode()
    assert f">{root.title}<" not in html
