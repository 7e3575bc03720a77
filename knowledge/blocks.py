"""The block set shared by every knowledge page's body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "knowledge/blocks/heading.html"
        preview_value = {"text": "技术要点"}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    source = blocks.CharBlock(label=_("source"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "knowledge/blocks/quote.html"
        preview_value = {"text": "各项服务均属于公益性质。", "source": "通知"}


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        preview_value="<p>玉米深加工废水的厌氧处理工艺。</p>",
    )
    quote = QuoteBlock()
