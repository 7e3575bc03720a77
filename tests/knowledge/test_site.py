"""The public site: every page type renders; listings filter; menus, SEO, settings."""

import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from knowledge.blocks import BodyBlock
from knowledge.models import StationSettings
from stations import roles
from tests.factories.knowledge import event, news, policy, standard, technology
from tests.factories.stations import UserFactory


def body(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_every_page_type_renders_its_own_fields(tree, client):
    tech = technology(tree.technologies, maturity="中试完成")
    pol = policy(tree.policies, status="repealed")
    item = news(tree.news)
    fair = event(tree.events)
    about = standard(tree.home, body=[("quote", {"text": "公益服务", "source": ""})])

    assert "中试完成" in body(client.get(tech.url))
    html = body(client.get(pol.url))
    assert "国发〔2012〕14号" in html
    assert 'role="note"' in html  # the repealed notice
    assert "2026-03-01" in body(client.get(item.url))
    html = body(client.get(fair.url))
    assert "长春国际会展中心" in html
    assert "吉林省促进中小企业发展服务中心" in html
    assert "公益服务" in body(client.get(about.url))


@pytest.mark.django_db
def test_body_blocks_render_table_heading_and_call_to_action(tree, client):
    page = standard(
        tree.home,
        body=[
            ("heading", {"text": "服务流程"}),
            (
                "table",
                {
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "data": [["步骤", "说明"], ["注册", "填写企业信息"]],
                },
            ),
            (
                "call_to_action",
                {
                    "title": "遇到难题？",
                    "text": "",
                    "page": None,
                    "url": "/problems/new/",
                    "button_label": "发布难题",
                },
            ),
        ],
    )
    html = body(client.get(page.url))
    assert "<h2>服务流程</h2>" in html
    assert '<th scope="col"' in html and "填写企业信息" in html
    assert 'href="/problems/new/"' in html


def test_every_block_with_a_preview_value_renders_it():
    stream = BodyBlock()
    for name, block in stream.child_blocks.items():
        value = block.get_preview_value()
        if value in (None, "", {}) or name in {"image", "document", "embed"}:
            continue
        assert block.render(value).strip(), name


def test_call_to_action_needs_a_target():
    from wagtail.blocks import StructBlockValidationError

    block = BodyBlock().child_blocks["call_to_action"]
    value = block.to_python(
        {"title": "x", "button_label": "去", "url": "", "page": None}
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


@pytest.mark.django_db
def test_section_filters_by_tag_and_year(tree, client):
    tagged = technology(tree.technologies, title="秸秆生物炭")
    tagged.tags.add("生物炭")
    tagged.save_revision().publish()
    other = technology(tree.technologies, title="人参深加工")
    Page.objects.filter(pk=other.pk).update(
        first_published_at=datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC)
    )
    slug = tagged.tags.get().slug

    listed = client.get(tree.technologies.url).context["children"]
    assert {p.title for p in listed} == {"秸秆生物炭", "人参深加工"}
    listed = client.get(tree.technologies.url, {"tag": slug}).context["children"]
    assert [p.title for p in listed] == ["秸秆生物炭"]
    listed = client.get(tree.technologies.url, {"year": "2025"}).context["children"]
    assert [p.title for p in listed] == ["人参深加工"]
    response = client.get(tree.technologies.url, {"year": "1999"})
    assert list(response.context["children"]) == []
    assert response.context["years"] == [2026, 2025]
    assert [t.name for t in response.context["tags"]] == ["生物炭"]


@pytest.mark.django_db
def test_section_paginates(tree, client):
    for n in range(12):
        news(tree.news, title=f"动态{n}")
    first = client.get(tree.news.url).context["children"]
    assert len(first) == 10 and first.has_next()
    second = client.get(tree.news.url, {"page": 2}).context["children"]
    assert len(second) == 2
    assert client.get(tree.news.url, {"page": "x"}).status_code == 200


@pytest.mark.django_db
def test_menu_breadcrumbs_and_open_graph(tree, client):
    item = technology(tree.technologies, search_description="秸秆变废为宝")
    html = body(client.get(item.url))
    assert f'href="{tree.technologies.url}"' in html  # header menu and breadcrumb
    assert f'<li aria-current="page">{item.title}</li>' in html  # breadcrumb
    home = body(client.get("/"))
    assert f'<a href="{tree.policies.url}">{tree.policies.title}</a>' in home  # menu
    assert 'property="og:title" content="玉米秸秆生物炭制备技术"' in html
    assert 'name="description" content="秸秆变废为宝"' in html
    assert f'property="og:url" content="http://testserver{item.url}"' in html
    assert 'type="application/rss+xml"' in html


@pytest.mark.django_db
def test_footer_shows_the_station_settings(tree, client):
    site = Site.objects.get(is_default_site=True)
    settings = StationSettings.for_site(site)
    settings.address = "长春市南关区人民大街1号"
    settings.phone = "0431-88888888"
    settings.office_hours = "工作日 8:30–16:30"
    settings.footer_links = [
        ("link", {"title": "吉林省工信厅", "url": "https://gxt.jl.gov.cn/"})
    ]
    settings.save()
    html = body(client.get("/"))
    assert "长春市南关区人民大街1号" in html
    assert 'href="tel:0431-88888888"' in html
    assert "工作日 8:30–16:30" in html
    assert 'href="https://gxt.jl.gov.cn/"' in html


@pytest.mark.django_db
def test_editors_reach_the_registration_list_only_with_permission(tree, client):
    from knowledge.services import ensure_editorial_workflow

    ensure_editorial_workflow(root=tree.home)
    editor = UserFactory(groups=[Group.objects.get(name=roles.EDITOR)])
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get("/admin/event_registrations/").status_code in (302, 403)
    client.force_login(editor)
    assert client.get("/admin/event_registrations/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model,section",
    [
        ("technologynoticepage", "technologies"),
        ("policypage", "policies"),
        ("newspage", "news"),
        ("eventpage", "events"),
        ("standardpage", "news"),
    ],
)
def test_editors_get_the_add_form_of_each_page_type(tree, client, model, section):
    from knowledge.services import ensure_editorial_workflow

    ensure_editorial_workflow(root=tree.home)
    editor = UserFactory(groups=[Group.objects.get(name=roles.EDITOR)])
    client.force_login(editor)
    parent = getattr(tree, section)
    response = client.get(f"/admin/pages/add/knowledge/{model}/{parent.pk}/")
    assert response.status_code == 200
    assert b"action-publish" not in response.content  # editors submit, not publish


@pytest.mark.django_db
def test_block_previews_render_in_the_admin(client):
    from knowledge.models import NewsPage

    client.force_login(UserFactory(is_superuser=True))
    blocks = NewsPage._meta.get_field("body").stream_block.child_blocks
    expected = {
        "heading": "技术要点",
        "paragraph": "玉米深加工废水",
        "table": "COD (mg/L)",
        "quote": "各项服务均属于公益性质",
        "call_to_action": "发布难题",
    }
    for name, text in expected.items():
        response = client.get(
            "/admin/block-preview/", {"id": blocks[name].definition_prefix}
        )
        assert response.status_code == 200, name
        assert text in response.content.decode(), name
