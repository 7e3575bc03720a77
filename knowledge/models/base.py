"""What every knowledge page shares: introduction, StreamField body, social image."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from knowledge.blocks import BodyBlock


class BodyPage(Page):
    """Abstract base: a page with an introduction and a StreamField body."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("social sharing image"),
        help_text=_("Shown when the page is shared (Open Graph)."),
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        abstract = True

    @property
    def plain_text(self) -> str:
        """The introduction and the body's text, for search-result snippets."""
        parts = [self.intro, *self.body.stream_block.get_searchable_content(self.body)]
        return " ".join(part for part in parts if part)

    @property
    def description(self) -> str:
        """The page's summary for search engines, feeds and social cards."""
        return self.search_description or self.intro or self.title


class TaggedPage(TaggedItemBase):
    """Abstract base of the per-page-type tag through models."""

    class Meta:
        abstract = True


class Attachment(Orderable):
    """Abstract base: a Wagtail document attached to a page, in order."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(
        _("link text"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty to use the document's own title."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]
    api_fields = [APIField("label"), APIField("url"), APIField("file_extension")]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def label(self) -> str:
        return self.title or self.document.title

    @property
    def url(self) -> str:
        return self.document.url

    @property
    def file_extension(self) -> str:
        return self.document.file_extension
