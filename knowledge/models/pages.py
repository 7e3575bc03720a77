"""The site's frame: the home page, section listings and plain pages."""

from django.core.paginator import Paginator
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField

from config import caching
from knowledge.models.base import BodyPage


class HomePage(BodyPage):
    """The station's front page: introduction, latest items and live counters."""

    max_count = 1
    subpage_types = ["knowledge.SectionIndexPage", "knowledge.StandardPage"]
    api_fields = [*BodyPage.api_fields, APIField("counters")]

    class Meta:
        verbose_name = _("home page")

    @property
    def counters(self) -> dict:
        """The live station figures shown on the front page."""
        from knowledge.selectors import station_counters

        return station_counters().as_dict()

    def get_context(self, request, *args, **kwargs):
        from knowledge import selectors
        from qa.selectors import problem_list_public

        context = super().get_context(request, *args, **kwargs)
        context["latest_problems"] = problem_list_public()[:5]
        context["latest_solved"] = problem_list_public(status="solved")[:5]
        context["latest_technologies"] = selectors.latest_technologies()[:5]
        context["latest_news"] = selectors.latest_news()[:5]
        context["upcoming_events"] = selectors.upcoming_events()[:3]
        # Counted only when the cached fragment is missing (a new content generation).
        context["stats"] = SimpleLazyObject(selectors.station_counters)
        context["content_generation"] = caching.generation()
        return context


class SectionIndexPage(BodyPage):
    """A section listing its child pages, newest first, paginated and filterable."""

    subpage_types = [
        "knowledge.TechnologyNoticePage",
        "knowledge.PolicyPage",
        "knowledge.NewsPage",
        "knowledge.EventPage",
        "knowledge.StandardPage",
    ]
    #: children listed per page
    page_size = 10

    class Meta:
        verbose_name = _("section index")

    def get_context(self, request, *args, **kwargs):
        from knowledge import selectors

        context = super().get_context(request, *args, **kwargs)
        tag = request.GET.get("tag") or None
        year = request.GET.get("year", "")
        # Only a year a page could have been published in; anything else lists all.
        year = int(year) if year.isdecimal() and len(year) == 4 else None
        children = selectors.section_children(section=self, tag=tag, year=year)
        context["children"] = Paginator(children, self.page_size).get_page(
            request.GET.get("page")
        )
        context["tags"] = selectors.section_tags(section=self)
        context["years"] = selectors.section_years(section=self)
        context["selected_tag"] = tag
        context["selected_year"] = year
        return context


class StandardPage(BodyPage):
    """A plain page: about the station, contact, service guide."""

    class Meta:
        verbose_name = _("standard page")
