"""Vocabularies shared by the station's records: industries and Jilin's regions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Industry(models.TextChoices):
    AUTOMOTIVE = "automotive", _("Automotive parts")
    PETROCHEMICAL = "petrochemical", _("Petrochemicals")
    GRAIN = "grain", _("Corn and rice processing")
    GINSENG_FUNGI = "ginseng_fungi", _("Ginseng and edible fungi")
    TCM = "tcm", _("Traditional Chinese medicine")
    OPTICS = "optics", _("Optics and photonics")
    RAIL = "rail", _("Rail vehicles")
    BUILDING = "building", _("Building materials")
    SOFTWARE = "software", _("Software and information services")
    OTHER = "other", _("Other")


class Region(models.TextChoices):
    CHANGCHUN = "changchun", _("Changchun")
    JILIN = "jilin", _("Jilin City")
    SIPING = "siping", _("Siping")
    LIAOYUAN = "liaoyuan", _("Liaoyuan")
    TONGHUA = "tonghua", _("Tonghua")
    BAISHAN = "baishan", _("Baishan")
    SONGYUAN = "songyuan", _("Songyuan")
    BAICHENG = "baicheng", _("Baicheng")
    YANBIAN = "yanbian", _("Yanbian Korean Autonomous Prefecture")
    CHANGBAISHAN = "changbaishan", _("Changbai Mountain area")
