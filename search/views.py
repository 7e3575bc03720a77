"""The site search page: problems and knowledge pages found by Chinese words."""

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

from qa.models import Problem
from search.backends.highlight import highlight
from search.health import search_degraded
from search.selectors import site_searches

#: hits per kind on the overview; one kind alone is paginated at this size
PAGE_SIZE = 10
#: longer queries are cut: nobody types more, and analysis cost grows with length
MAX_QUERY_LENGTH = 200


def _problem_hit(problem: Problem, query: str) -> dict:
    return {
        "object": problem,
        "url": problem.get_absolute_url(),
        "title": highlight(problem.title, query, length=len(problem.title)),
        "snippet": highlight(problem.description, query),
    }


def _page_hit(page: Page, query: str) -> dict:
    text = getattr(page, "plain_text", "") or page.search_description
    return {
        "object": page,
        "url": page.url,
        "title": highlight(page.title, query, length=len(page.title)),
        "snippet": highlight(text, query),
    }


#: the kinds of results, in the order shown, and how each is shown
HITS = {"problems": _problem_hit, "pages": _page_hit}
KINDS = tuple(HITS)


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    kind = request.GET.get("type")
    kind = kind if kind in KINDS else None
    sections = []
    if query:
        found = site_searches(query)
        for name in (kind,) if kind else KINDS:
            results, to_hit = found[name], HITS[name]
            page = Paginator(results, PAGE_SIZE).get_page(
                request.GET.get("page") if kind else 1
            )
            page.hits = [to_hit(obj, query) for obj in page]
            sections.append({"kind": name, "page": page})
    degraded = bool(query) and search_degraded()
    response = render(
        request,
        "search/search.html",
        {"query": query, "kind": kind, "sections": sections, "degraded": degraded},
    )
    if degraded:
        # Not kept by the page cache: the results come back within minutes.
        response["Cache-Control"] = "no-store"
    return response
