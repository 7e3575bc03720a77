"""The block set shared by every knowledge page's body, each with an editor preview."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "knowledge/blocks/heading.html"
        preview_value = {"text": "技术要点"}
        description = _("A section heading inside the page.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    source = blocks.CharBlock(label=_("source"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "knowledge/blocks/quote.html"
        preview_value = {"text": "各项服务均属于公益性质。", "source": "通知"}
        description = _("A quotation with its source.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=200,
        help_text=_("Describe the image for readers who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "knowledge/blocks/image.html"
        description = _("A picture with alternative text and an optional caption.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"),
        required=False,
        max_length=120,
        help_text=_("Leave empty to use the document's own title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "knowledge/blocks/document.html"
        description = _("A downloadable file (PDF, Word, Excel…).")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=80)
    text = blocks.TextBlock(label=_("text"), required=False)
    page = blocks.PageChooserBlock(label=_("link to a page"), required=False)
    url = blocks.URLBlock(label=_("or link to an address"), required=False)
    button_label = blocks.CharBlock(label=_("button label"), max_length=30)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "knowledge/blocks/call_to_action.html"
        preview_value = {
            "title": "遇到技术难题？",
            "text": "注册企业账号，免费发布难题，专家在线解答。",
            "url": "/accounts/register/enterprise/",
            "button_label": "发布难题",
        }
        description = _("A highlighted box with a button leading somewhere.")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Choose a page or enter an address for the button.")
                    )
                }
            )
        return value


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        features=["h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        preview_value="<p>玉米深加工废水的厌氧处理工艺。</p>",
        description=_("Text with simple formatting and links."),
    )
    image = ImageBlock()
    table = TableBlock(
        label=_("Table"),
        table_options={"startRows": 3, "startCols": 3},
        template="knowledge/blocks/table.html",
        preview_value={
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "data": [["指标", "处理前", "处理后"], ["COD (mg/L)", "12000", "45"]],
        },
        description=_("A table of figures, with an optional header row."),
    )
    document = DocumentBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(
        label=_("Embedded video or media"),
        icon="media",
        description=_("A video or other media from an address (oEmbed)."),
    )
    call_to_action = CallToActionBlock()
