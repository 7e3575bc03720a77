"""The headless API (Wagtail API v3) exposes every page type's own fields."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

from knowledge.models import TechnologyAttachment
from qa.models import Problem
from tests.factories.knowledge import event, news, policy, publish, standard
from tests.factories.knowledge import technology as make_technology
from tests.factories.qa import ProblemFactory


def detail(client, page) -> dict:
    response = client.get(f"/api/v3/pages/{page.pk}/")
    assert response.status_code == 200
    return response.json()


@pytest.mark.django_db
def test_technology_fields_with_tags_attachments_and_public_problems(tree, client):
    shown, hidden = ProblemFactory(title="污水COD超标"), ProblemFactory()
    Problem.objects.filter(pk=shown.pk).update(status="open")
    Problem.objects.filter(pk=hidden.pk).update(status="draft")
    document = Document.objects.create(
        title="技术说明书", file=ContentFile(b"%PDF-1.4", name="manual.pdf")
    )
    page = make_technology(tree.technologies)
    page.tags.add("生物炭")
    page.related_problems.set([shown, hidden])
    page.attachments.add(TechnologyAttachment(document=document))
    page.save_revision().publish()

    data = detail(client, page)
    assert data["meta"]["type"] == "knowledge.TechnologyNoticePage"
    assert data["holder_institution"] == "吉林农业大学"
    assert data["industry"] == "grain"
    assert data["maturity"] == "中试"
    assert data["cooperation_mode"] == "技术许可"
    assert data["contact"] == "王老师"
    assert data["body"][0]["type"] == "paragraph"
    assert data["tags"] == ["生物炭"]
    assert [a["label"] for a in data["attachments"]] == ["技术说明书"]
    assert data["attachments"][0]["url"].endswith(".pdf")
    assert [p["title"] for p in data["related_problem_links"]] == ["污水COD超标"]


@pytest.mark.django_db
def test_policy_news_event_standard_and_home_fields(tree, client):
    pol = policy(tree.policies)
    data = detail(client, pol)
    assert data["document_number"] == "国发〔2012〕14号"
    assert data["issuing_authority"] == "国务院"
    assert data["issue_date"] == "2012-04-19"
    assert data["status"] == "in_force"

    assert detail(client, news(tree.news))["date"] == "2026-03-01"

    fair = detail(client, event(tree.events))
    assert fair["kind"] == "fair"
    assert fair["place"] == "长春国际会展中心"
    assert fair["capacity"] == 2 and fair["places_left"] == 2
    assert fair["registration_open"] is True

    about = detail(client, standard(tree.home, intro="服务站简介"))
    assert about["intro"] == "服务站简介"

    home = detail(client, tree.home)
    assert set(home["counters"]) == {
        "experts",
        "problems",
        "solved",
        "solved_share",
        "answers_this_month",
    }
    assert detail(client, tree.news)["meta"]["type"] == "knowledge.SectionIndexPage"


@pytest.mark.django_db
def test_anonymous_clients_see_only_live_public_pages(tree, client):
    live = news(tree.news, title="已发布")
    draft = news(tree.news, title="草稿")
    draft.unpublish()
    private_section = publish(tree.home, type(tree.news)(title="内部", slug="internal"))
    private = news(private_section, title="内部通知")
    PageViewRestriction.objects.create(
        page=private_section, restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get("/api/v3/pages/", {"type": "knowledge.NewsPage"})
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert titles == [live.title]
    assert client.get(f"/api/v3/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v3/pages/{private.pk}/").status_code == 404
