"""The section items: new technologies, policies and news, each tagged."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.search import index

from knowledge.models.base import Attachment, BodyPage, TaggedPage
from stations.choices import Industry

ITEM_PARENTS = ["knowledge.SectionIndexPage"]


class TechnologyTag(TaggedPage):
    """A tag on a new technology notice."""

    content_object = ParentalKey(
        "knowledge.TechnologyNoticePage",
        on_delete=models.CASCADE,
        related_name="tagged_items",
    )


class TechnologyAttachment(Attachment):
    """A document attached to a new technology notice."""

    page = ParentalKey(
        "knowledge.TechnologyNoticePage",
        on_delete=models.CASCADE,
        related_name="attachments",
    )


class TechnologyNoticePage(BodyPage):
    """A newly published technology (新技术发布)."""

    industry = models.CharField(_("field"), max_length=20, choices=Industry)
    holder_institution = models.CharField(_("holder institution"), max_length=120)
    maturity = models.CharField(_("maturity stage"), max_length=60, blank=True)
    cooperation_mode = models.CharField(
        _("cooperation mode"), max_length=120, blank=True
    )
    contact = models.CharField(_("contact"), max_length=120, blank=True)
    related_problems = ParentalManyToManyField(
        "qa.Problem",
        blank=True,
        related_name="technologies",
        verbose_name=_("related problems"),
        help_text=_("Technical problems this technology can help to solve."),
    )
    tags = ClusterTaggableManager(
        through=TechnologyTag, blank=True, verbose_name=_("tags")
    )

    search_fields = [
        *BodyPage.search_fields,
        index.SearchField("holder_institution"),
        index.FilterField("industry"),
    ]
    content_panels = [
        *BodyPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("industry"),
                FieldPanel("holder_institution"),
                FieldPanel("maturity"),
                FieldPanel("cooperation_mode"),
                FieldPanel("contact"),
            ],
            heading=_("Technology"),
        ),
        FieldPanel("related_problems"),
        InlinePanel("attachments", label=_("attachments")),
        FieldPanel("tags"),
    ]
    api_fields = [
        *BodyPage.api_fields,
        APIField("industry"),
        APIField("holder_institution"),
        APIField("maturity"),
        APIField("cooperation_mode"),
        APIField("contact"),
        APIField("related_problem_links"),
        APIField("attachments"),
        APIField("tags"),
    ]
    parent_page_types = ITEM_PARENTS
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("new technology notice")

    @property
    def related_problem_links(self) -> list[dict]:
        """The related problems the public may read, as id, title and address."""
        return [
            {"id": p.pk, "title": p.title, "url": p.get_absolute_url()}
            for p in self.related_problems.public()
        ]


class PolicyTag(TaggedPage):
    """A tag on a policy."""

    content_object = ParentalKey(
        "knowledge.PolicyPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PolicyAttachment(Attachment):
    """A document attached to a policy (the signed original, annexes)."""

    page = ParentalKey(
        "knowledge.PolicyPage", on_delete=models.CASCADE, related_name="attachments"
    )


class PolicyPage(BodyPage):
    """A policy document (政策): issuer, number, dates; the body is its full text."""

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        REPEALED = "repealed", _("Repealed")

    issuing_authority = models.CharField(_("issuing authority"), max_length=120)
    document_number = models.CharField(
        _("document number"),
        max_length=60,
        blank=True,
        help_text=_("For example 国发〔2012〕14号."),
    )
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.IN_FORCE
    )
    tags = ClusterTaggableManager(through=PolicyTag, blank=True, verbose_name=_("tags"))

    search_fields = [
        *BodyPage.search_fields,
        index.SearchField("issuing_authority"),
        index.SearchField("document_number"),
        index.FilterField("status"),
    ]
    content_panels = [
        *BodyPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("issuing_authority"),
                FieldPanel("document_number"),
                FieldPanel("issue_date"),
                FieldPanel("effective_date"),
                FieldPanel("status"),
            ],
            heading=_("Policy document"),
        ),
        InlinePanel("attachments", label=_("attachments")),
        FieldPanel("tags"),
    ]
    api_fields = [
        *BodyPage.api_fields,
        APIField("issuing_authority"),
        APIField("document_number"),
        APIField("issue_date"),
        APIField("effective_date"),
        APIField("status"),
        APIField("attachments"),
        APIField("tags"),
    ]
    parent_page_types = ITEM_PARENTS
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("policy")


class NewsTag(TaggedPage):
    """A tag on a news item."""

    content_object = ParentalKey(
        "knowledge.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(BodyPage):
    """Station news and publicity (工作动态/宣传)."""

    date = models.DateField(_("date"))
    tags = ClusterTaggableManager(through=NewsTag, blank=True, verbose_name=_("tags"))

    content_panels = [*BodyPage.content_panels, FieldPanel("date"), FieldPanel("tags")]
    api_fields = [*BodyPage.api_fields, APIField("date"), APIField("tags")]
    parent_page_types = ITEM_PARENTS
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
