"""Markdown written by users, rendered to HTML that can never run code.

Markdown is converted first and the result cleaned by nh3 (an HTML sanitiser
that parses the markup, so entity-obfuscated `javascript:` links are decoded
before their scheme is checked). Only plain formatting tags survive; links
keep http(s) and mailto targets and get rel="nofollow noopener".
"""

import markdown
import nh3
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

#: formatting that a technical description needs; no images, forms or frames
ALLOWED_TAGS = {
    "a", "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6", "table", "thead", "tbody",
    "tr", "th", "td", "sub", "sup",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
#: data: and javascript: (however spelled) are dropped with the attribute
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> SafeString:
    """User Markdown → sanitised HTML, safe to put into a page or an e-mail."""
    html = markdown.markdown(
        text or "", extensions=["tables", "fenced_code", "sane_lists"]
    )
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
    # Safe: nh3 has just removed everything that could run.
    return mark_safe(clean)


def markdown_to_text(text: str) -> str:
    """Plain text for e-mails, SMS and snippets: the rendered HTML without tags."""
    return strip_tags(render_markdown(text)).strip()
