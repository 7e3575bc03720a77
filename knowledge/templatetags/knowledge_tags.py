from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_pages(context) -> list[Page]:
    """The home page's live, public children marked "show in menus", in tree order."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return list(site.root_page.get_children().live().public().in_menu())


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """The address as an absolute URL, as Open Graph wants it."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path
