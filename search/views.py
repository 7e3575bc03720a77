"""The site search page: problems and knowledge pages found by Chinese words."""

from django.shortcuts import render
from wagtail.models import Page

from qa.models import Problem

#: hits shown per kind of result
RESULTS_PER_KIND = 20
#: longer queries are cut: nobody types more, and analysis cost grows with length
MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    problems = pages = []
    if query:
        problems = list(Problem.objects.public().search(query)[:RESULTS_PER_KIND])
        pages = list(
            Page.objects.live().public().specific().search(query)[:RESULTS_PER_KIND]
        )
    return render(
        request,
        "search/search.html",
        {"query": query, "problems": problems, "pages": pages},
    )
