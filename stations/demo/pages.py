"""Demo knowledge pages: the home page, its sections and their items (Wagtail)."""

import datetime
from html import escape
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.db import transaction
from wagtail.models import Page, Site

from knowledge.models import (
    EventPage,
    HomePage,
    NewsPage,
    PolicyPage,
    SectionIndexPage,
    StandardPage,
    TechnologyNoticePage,
)
from knowledge.services import ensure_editorial_workflow
from stations import roles

PAGE_TYPES = {
    "section": SectionIndexPage,
    "standard": StandardPage,
    "technology": TechnologyNoticePage,
    "policy": PolicyPage,
    "news": NewsPage,
    "event": EventPage,
}
DATE_FIELDS = ("issue_date", "effective_date", "date")
#: What the editors may do on the whole public site (the home page and below).
WELCOME_TITLE = "Welcome to your new Wagtail site!"


def body_blocks(items: list[dict]) -> list[dict]:
    """The corpus's short body notation as StreamField (BodyBlock) raw data."""
    blocks = []
    for item in items:
        if "h" in item:
            blocks.append({"type": "heading", "value": {"text": item["h"]}})
        elif "p" in item:
            html = f"<p>{escape(item['p'], quote=False)}</p>"
            blocks.append({"type": "paragraph", "value": html})
        elif "ul" in item:
            rows = "".join(f"<li>{escape(row, quote=False)}</li>" for row in item["ul"])
            blocks.append({"type": "paragraph", "value": f"<ul>{rows}</ul>"})
        else:
            blocks.append(
                {
                    "type": "quote",
                    "value": {"text": item["quote"], "source": item.get("source", "")},
                }
            )
    return blocks


def _build(spec: dict) -> Page:
    fields = {
        key: value
        for key, value in spec.items()
        if key not in ("type", "body", "children", "published", "tags")
    }
    for key in DATE_FIELDS:
        if key in fields:
            fields[key] = datetime.date.fromisoformat(fields[key])
    page_class = PAGE_TYPES.get(spec.get("type"), HomePage)
    return page_class(body=body_blocks(spec.get("body", [])), **fields)


@transaction.atomic
def _add(parent: Page, spec: dict) -> Page:
    page = parent.add_child(instance=_build(spec))
    if spec.get("tags"):
        page.tags.add(*spec["tags"])
    page.save_revision().publish()
    if "published" in spec:
        # Demo dating: the sections list their items newest first by this date.
        at = datetime.datetime.fromisoformat(spec["published"] + "T09:30:00+08:00")
        Page.objects.filter(pk=page.pk).update(
            first_published_at=at, last_published_at=at
        )
    return page


def _child(parent: Page, spec: dict, tally) -> Page:
    """The child with this slug, created and published if missing; key: slug."""
    page = parent.get_children().filter(slug=spec["slug"]).first()
    tally.add("pages", created=page is None)
    if page is None:
        page = _add(parent, spec)
    for child_spec in spec.get("children", []):
        _child(page, child_spec, tally)
    return page


def _served_at() -> tuple[str, int]:
    """Host and port of the address the site is served at (XUNJIE_BASE_URL), for
    the links that name the site: sitemap, feeds, the API's page URLs."""
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return url.hostname or "localhost", url.port or (
        443 if url.scheme == "https" else 80
    )


def _home(spec: dict, tally) -> HomePage:
    """Replace Wagtail's welcome page by the station's home page as site root."""
    root = Page.get_first_root_node()
    welcome = (
        root.get_children()
        .filter(title=WELCOME_TITLE, content_type__model="page")
        .first()
    )
    home = HomePage.objects.first()
    tally.add("pages", created=home is None)
    with transaction.atomic():
        if welcome is not None:
            # A site row is deleted with its root page: park the sites first.
            Site.objects.filter(root_page=welcome).update(root_page=root)
            welcome.delete()
        if home is None:
            home = _add(root, spec)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(is_default_site=True)
        site.hostname, site.port = _served_at()
        site.root_page = home
        site.site_name = spec["title"]
        site.save()
        DjangoSite.objects.update_or_create(
            pk=settings.SITE_ID,
            defaults={"domain": urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc},
        )
        Site.objects.filter(root_page=root).update(root_page=home)
    return home


def load_pages(tally) -> HomePage:
    from stations.demo.loader import read_data

    data = read_data("pages.json")
    roles.ensure_role_groups()
    home = _home(data["home"], tally)
    for spec in data["home"].get("children", []):
        _child(home, spec, tally)
    ensure_editorial_workflow(root=home)
    return home
