"""The station's page tree and pages, published through revisions as in the admin."""

import datetime
import itertools
from types import SimpleNamespace

from django.utils import timezone
from wagtail.models import Page, Site

from knowledge.models import (
    EventKind,
    EventPage,
    HomePage,
    NewsPage,
    PolicyPage,
    SectionIndexPage,
    StandardPage,
    TechnologyNoticePage,
)

_slugs = itertools.count(1)


def publish(parent: Page, page: Page) -> Page:
    """Add the page under parent and publish its first revision."""
    if not page.slug:
        page.slug = f"page-{next(_slugs)}"
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def site_tree() -> SimpleNamespace:
    """A home page as the default site's root, with the four sections in the menu."""
    root = Page.get_first_root_node()
    home = publish(
        root,
        HomePage(
            title="吉林省中小微企业网上技术专家服务站",
            slug="home-test",
            intro="企业发布难题，专家在线解答。",
        ),
    )
    Site.objects.update(root_page=home)
    # update() skips the signal that forgets the cached root paths; on PostgreSQL
    # page ids are not reused after a rollback, so a stale entry breaks page.url.
    Site.clear_site_root_paths_cache()
    sections = {}
    for slug, title in [
        ("technologies", "新技术发布"),
        ("policies", "政策法规"),
        ("news", "工作动态"),
        ("events", "技术对接"),
    ]:
        sections[slug] = publish(
            home, SectionIndexPage(title=title, slug=slug, show_in_menus=True)
        )
    return SimpleNamespace(home=home, **sections)


def technology(parent: Page, **fields) -> TechnologyNoticePage:
    defaults = {
        "title": "玉米秸秆生物炭制备技术",
        "industry": "grain",
        "holder_institution": "吉林农业大学",
        "maturity": "中试",
        "cooperation_mode": "技术许可",
        "contact": "王老师",
        "intro": "以玉米秸秆为原料制备生物炭。",
        "body": [("paragraph", "<p>热解温度 500℃。</p>")],
    }
    return publish(parent, TechnologyNoticePage(**{**defaults, **fields}))


def policy(parent: Page, **fields) -> PolicyPage:
    defaults = {
        "title": "国务院关于进一步支持小型微型企业健康发展的意见",
        "issuing_authority": "国务院",
        "document_number": "国发〔2012〕14号",
        "issue_date": datetime.date(2012, 4, 19),
        "effective_date": datetime.date(2012, 4, 19),
        "body": [("heading", {"text": "一、充分认识小型微型企业的重要地位"})],
    }
    return publish(parent, PolicyPage(**{**defaults, **fields}))


def news(parent: Page, **fields) -> NewsPage:
    defaults = {
        "title": "服务站开展专家进企业活动",
        "date": datetime.date(2026, 3, 1),
        "body": [("paragraph", "<p>走访企业 12 家。</p>")],
    }
    return publish(parent, NewsPage(**{**defaults, **fields}))


def event(parent: Page, **fields) -> EventPage:
    """A matchmaking fair a month ahead, open for registration."""
    start = timezone.now() + datetime.timedelta(days=30)
    defaults = {
        "title": "2026年吉林省中小微企业技术对接会",
        "kind": EventKind.MATCHMAKING_FAIR,
        "start_at": start,
        "end_at": start + datetime.timedelta(hours=8),
        "place": "长春国际会展中心",
        "organiser": "吉林省促进中小企业发展服务中心",
        "capacity": 2,
    }
    return publish(parent, EventPage(**{**defaults, **fields}))


def standard(parent: Page, **fields) -> StandardPage:
    defaults = {"title": "关于服务站", "slug": "about", "show_in_menus": True}
    return publish(parent, StandardPage(**{**defaults, **fields}))
