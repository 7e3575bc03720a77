"""On-site services (Art. 16) and solutions at matchmaking fairs (Art. 17).

Both are rewarded once verified: the ledger line they produce is kept linked
one-to-one, and reversed (never deleted) if the record is revoked.
"""

import os
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from qa.models.attachments import PrivateStorage


class RecordStatus(models.TextChoices):
    REPORTED = "reported", _("Awaiting the enterprise's confirmation")
    CONFIRMED = "confirmed", _("Confirmed by the enterprise")
    DISPUTED = "disputed", _("Disputed by the enterprise")
    VERIFIED = "verified", _("Verified by the station")
    REJECTED = "rejected", _("Rejected by the station")
    REVOKED = "revoked", _("Verification revoked")


class OnSiteService(models.Model):
    """An expert's visit to an enterprise to solve its problem on site."""

    problem = models.ForeignKey(
        "qa.Problem",
        on_delete=models.PROTECT,
        related_name="onsite_services",
        verbose_name=_("problem"),
    )
    expert = models.ForeignKey(
        "stations.ExpertProfile",
        on_delete=models.PROTECT,
        related_name="onsite_services",
        verbose_name=_("expert"),
    )
    service_date = models.DateField(_("date of the visit"))
    place = models.CharField(_("place"), max_length=200)
    work_done = models.TextField(_("what was done"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RecordStatus,
        default=RecordStatus.REPORTED,
        db_index=True,
    )
    dispute_reason = models.TextField(
        _("enterprise's reason for disputing"), blank=True
    )
    confirmed_at = models.DateTimeField(
        _("answered by the enterprise at"), null=True, blank=True
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    verified_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    staff_reason = models.TextField(_("reason for rejection or revocation"), blank=True)
    reward_entry = models.OneToOneField(
        "stations.RewardEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="onsite_service",
        verbose_name=_("reward entry"),
    )
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("on-site service")
        verbose_name_plural = _("on-site services")
        ordering = ["-service_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.expert.real_name} · {self.problem} · {self.service_date}"


def evidence_path(instance, filename: str) -> str:
    """A unique storage name keeping only the checked suffix."""
    suffix = os.path.splitext(filename)[1].lower()
    return f"onsite/{uuid.uuid4().hex}{suffix}"


class OnSiteEvidence(models.Model):
    """A photo, signed form or report proving an on-site service."""

    service = models.ForeignKey(
        OnSiteService, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(
        upload_to=evidence_path, storage=PrivateStorage, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class FairSolution(models.Model):
    """A problem solved by an expert at a matchmaking fair (Art. 17)."""

    class Status(models.TextChoices):
        RECORDED = "recorded", _("Recorded, awaiting verification")
        VERIFIED = "verified", _("Verified by the station")
        REVOKED = "revoked", _("Verification revoked")

    event = models.ForeignKey(
        "knowledge.EventPage",
        on_delete=models.PROTECT,
        related_name="fair_solutions",
        verbose_name=_("matchmaking fair"),
    )
    problem = models.ForeignKey(
        "qa.Problem",
        on_delete=models.PROTECT,
        related_name="fair_solutions",
        verbose_name=_("problem"),
    )
    expert = models.ForeignKey(
        "stations.ExpertProfile",
        on_delete=models.PROTECT,
        related_name="fair_solutions",
        verbose_name=_("expert"),
    )
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status,
        default=Status.RECORDED,
        db_index=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    reward_entry = models.OneToOneField(
        "stations.RewardEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fair_solution",
        verbose_name=_("reward entry"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("fair solution")
        verbose_name_plural = _("fair solutions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "problem", "expert"],
                name="fair_solution_once_per_event",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.problem} · {self.expert.real_name}"
