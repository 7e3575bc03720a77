"""Reads behind the site search page."""

from wagtail.models import Page

from qa.models import Problem


def site_searches(query: str) -> dict:
    """The site search's lazy results by kind: public problems and live pages."""
    return {
        "problems": Problem.objects.public().select_related("enterprise").search(query),
        # Depth 1 is the tree's invisible root, not a page anyone reads.
        "pages": Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .specific()
        .search(query),
    }
