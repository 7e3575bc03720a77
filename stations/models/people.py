"""The station's people: user accounts, enterprises and experts."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelsearch import index
from taggit.managers import TaggableManager

from stations.choices import Industry, Region
from stations.validators import validate_credit_code, validate_mobile


class User(AbstractUser):
    """An account: enterprise contact, expert, station staff or editor."""

    phone = models.CharField(
        _("mobile phone"), max_length=11, blank=True, validators=[validate_mobile]
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def enterprise_or_none(self):
        return getattr(self, "enterprise", None)

    @property
    def expert_or_none(self):
        return getattr(self, "expert_profile", None)

    @property
    def is_verified_expert(self) -> bool:
        expert = self.expert_or_none
        return expert is not None and expert.status == ExpertProfile.Status.VERIFIED


class Enterprise(index.Indexed, models.Model):
    """A registered company that posts technical problems."""

    class Size(models.TextChoices):
        MEDIUM = "medium", _("Medium")
        SMALL = "small", _("Small")
        MICRO = "micro", _("Micro")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="enterprise",
        verbose_name=_("account"),
    )
    name = models.CharField(_("company name"), max_length=120)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
    )
    size = models.CharField(
        _("size class"), max_length=10, choices=Size, default=Size.SMALL
    )
    industry = models.CharField(
        _("industry"), max_length=20, choices=Industry, default=Industry.OTHER
    )
    region = models.CharField(
        _("region"), max_length=20, choices=Region, default=Region.CHANGCHUN
    )
    contact_person = models.CharField(_("contact person"), max_length=50)
    phone = models.CharField(
        _("contact phone"), max_length=11, validators=[validate_mobile]
    )
    email = models.EmailField(_("contact e-mail"))
    verified = models.BooleanField(_("verified by staff"), default=False)
    #: Who last verified or un-verified the enterprise, and when.
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified or un-verified by"),
    )
    verified_at = models.DateTimeField(
        _("verified or un-verified at"), null=True, blank=True
    )
    unverified_reason = models.TextField(_("reason for un-verifying"), blank=True)
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enterprises",
        verbose_name=_("service station"),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.FilterField("industry"),
        index.FilterField("region"),
        # The admin list filters a search by station (scoping) and by these.
        index.FilterField("station"),
        index.FilterField("verified"),
        index.FilterField("size"),
    ]

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name", "pk"]
        permissions = [("verify_enterprise", _("Can verify enterprises"))]

    def __str__(self) -> str:
        return self.name


class ExpertProfile(index.Indexed, models.Model):
    """An expert of the station's online team; answers only once verified."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending vetting")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")

    class OrganisationType(models.TextChoices):
        UNIVERSITY = "university", _("University")
        INSTITUTE = "institute", _("Research institute")
        ENTERPRISE = "enterprise", _("Enterprise")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="expert_profile",
        verbose_name=_("account"),
    )
    real_name = models.CharField(_("real name"), max_length=50)
    organisation = models.CharField(_("organisation"), max_length=120)
    organisation_type = models.CharField(
        _("organisation type"),
        max_length=20,
        choices=OrganisationType,
        default=OrganisationType.UNIVERSITY,
    )
    department = models.CharField(_("department"), max_length=120, blank=True)
    title = models.CharField(_("professional title"), max_length=50, blank=True)
    industries = models.JSONField(_("industries"), default=list, blank=True)
    expertise = TaggableManager(
        verbose_name=_("fields of expertise"), blank=True, related_name="experts"
    )
    biography = models.TextField(_("short biography"), blank=True)
    phone = models.CharField(
        _("mobile phone"), max_length=11, validators=[validate_mobile]
    )
    email = models.EmailField(_("e-mail"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING
    )
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="experts",
        verbose_name=_("expert team of station"),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    search_fields = [
        index.SearchField("real_name", boost=2),
        index.SearchField("organisation"),
        index.SearchField("biography"),
        index.RelatedFields("expertise", [index.SearchField("name")]),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["real_name", "pk"]

    def __str__(self) -> str:
        return f"{self.real_name}（{self.organisation}）"
