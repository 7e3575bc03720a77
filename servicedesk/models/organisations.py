"""Professional service organisations and the problems referred to them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.choices import Region


class ServiceOrganisation(models.Model):
    """A professional service organisation or service-alliance member (notice §4.1)."""

    class Kind(models.TextChoices):
        PROFESSIONAL = "professional", _("Professional service organisation")
        ALLIANCE = "alliance", _("Service-alliance member")

    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind, default=Kind.PROFESSIONAL
    )
    services = models.TextField(_("services offered"))
    region = models.CharField(
        _("region"), max_length=20, choices=Region, default=Region.CHANGCHUN
    )
    contact_person = models.CharField(_("public contact person"), max_length=50)
    phone = models.CharField(_("public phone"), max_length=30)
    email = models.EmailField(_("public e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive organisations are hidden and receive no referrals."),
    )

    class Meta:
        verbose_name = _("service organisation")
        verbose_name_plural = _("service organisations")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent to the organisation")
    ACCEPTED = "accepted", _("Accepted by the organisation")
    SOLVED = "solved", _("Solved by the organisation")
    DECLINED = "declined", _("Declined by the organisation")


class Referral(models.Model):
    """A problem handed to a service organisation, and what became of it."""

    problem = models.ForeignKey(
        "qa.Problem",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("problem"),
    )
    organisation = models.ForeignKey(
        ServiceOrganisation,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("service organisation"),
    )
    note = models.TextField(_("note"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReferralStatus,
        default=ReferralStatus.SENT,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("referred by"),
    )
    created_at = models.DateTimeField(_("referred at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.problem} → {self.organisation}"


class ReferralEvent(models.Model):
    """One status change of a referral: who, when and with what note."""

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(
        _("previous status"), max_length=10, choices=ReferralStatus, blank=True
    )
    to_status = models.CharField(_("new status"), max_length=10, choices=ReferralStatus)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("referral event")
        verbose_name_plural = _("referral history")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"
