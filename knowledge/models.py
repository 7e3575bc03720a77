"""Wagtail pages of the station's public site: technologies, policies, news."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from knowledge.blocks import BodyBlock
from stations.choices import Industry


class BodyPage(Page):
    """Abstract base: a page with an introduction and a StreamField body."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        abstract = True

    @property
    def plain_text(self) -> str:
        """The introduction and the body's text, for search-result snippets."""
        parts = [self.intro, *self.body.stream_block.get_searchable_content(self.body)]
        return " ".join(part for part in parts if part)


class HomePage(BodyPage):
    """The station's front page."""

    max_count = 1
    subpage_types = ["knowledge.SectionIndexPage", "knowledge.StandardPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from qa.selectors import problem_list_public

        context = super().get_context(request, *args, **kwargs)
        context["latest_problems"] = problem_list_public()[:6]
        context["latest_pages"] = (
            Page.objects.live()
            .public()
            .type(TechnologyNoticePage, PolicyPage, NewsPage)
            .specific()
            .order_by("-first_published_at")[:6]
        )
        return context


class SectionIndexPage(BodyPage):
    """A section listing its child pages, newest first, paginated."""

    subpage_types = [
        "knowledge.TechnologyNoticePage",
        "knowledge.PolicyPage",
        "knowledge.NewsPage",
        "knowledge.StandardPage",
    ]
    #: children listed per page
    page_size = 10

    class Meta:
        verbose_name = _("section index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = (
            self.get_children()
            .live()
            .public()
            .specific()
            .order_by("-first_published_at")
        )
        context["children"] = Paginator(children, self.page_size).get_page(
            request.GET.get("page")
        )
        return context


class TechnologyNoticePage(BodyPage):
    """A newly published technology (新技术发布)."""

    industry = models.CharField(_("field"), max_length=20, choices=Industry)
    holder_institution = models.CharField(_("holder institution"), max_length=120)
    maturity = models.CharField(_("maturity stage"), max_length=60, blank=True)
    cooperation_mode = models.CharField(
        _("cooperation mode"), max_length=120, blank=True
    )
    contact = models.CharField(_("contact"), max_length=120, blank=True)

    search_fields = [
        *BodyPage.search_fields,
        index.SearchField("holder_institution"),
        index.FilterField("industry"),
    ]
    content_panels = [
        *BodyPage.content_panels,
        FieldPanel("industry"),
        FieldPanel("holder_institution"),
        FieldPanel("maturity"),
        FieldPanel("cooperation_mode"),
        FieldPanel("contact"),
    ]
    parent_page_types = ["knowledge.SectionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("new technology notice")


class PolicyPage(BodyPage):
    """A policy document (政策) with its issuer and document number."""

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        REPEALED = "repealed", _("Repealed")

    issuing_authority = models.CharField(_("issuing authority"), max_length=120)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.IN_FORCE
    )

    search_fields = [
        *BodyPage.search_fields,
        index.SearchField("issuing_authority"),
        index.SearchField("document_number"),
        index.FilterField("status"),
    ]
    content_panels = [
        *BodyPage.content_panels,
        FieldPanel("issuing_authority"),
        FieldPanel("document_number"),
        FieldPanel("issue_date"),
        FieldPanel("effective_date"),
        FieldPanel("status"),
    ]
    parent_page_types = ["knowledge.SectionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("policy")


class NewsPage(BodyPage):
    """Station news and publicity (工作动态/宣传)."""

    date = models.DateField(_("date"))

    content_panels = [*BodyPage.content_panels, FieldPanel("date")]
    parent_page_types = ["knowledge.SectionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")


class StandardPage(BodyPage):
    """A plain page: about the station, contact, service guide."""

    class Meta:
        verbose_name = _("standard page")
