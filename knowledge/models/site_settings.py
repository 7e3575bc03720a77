"""The station's contact details, edited once per site in Wagtail's settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField


class FooterLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("text"), max_length=40)
    url = blocks.CharBlock(
        label=_("address"),
        max_length=200,
        help_text=_("A full address (https://…) or a path on this site (/about/)."),
    )

    class Meta:
        icon = "link"
        label = _("Link")


@register_setting(icon="home")
class StationSettings(BaseSiteSetting):
    """The station's name, address, phone and office hours, shown in the footer."""

    station_name = models.CharField(
        _("station name"),
        max_length=120,
        default="吉林省中小微企业网上技术专家服务站",
    )
    host_organisation = models.CharField(
        _("host organisation"),
        max_length=120,
        blank=True,
        default="吉林省促进中小企业发展服务中心",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    office_hours = models.CharField(_("office hours"), max_length=120, blank=True)
    footer_links = StreamField(
        [("link", FooterLinkBlock())], blank=True, verbose_name=_("footer links")
    )

    panels = [
        FieldPanel("station_name"),
        FieldPanel("host_organisation"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("office_hours"),
        FieldPanel("footer_links"),
    ]

    class Meta:
        verbose_name = _("station contact details")
