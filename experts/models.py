"""An expert's application and its vetting (Art. 6, 11), away periods and
declined invitations; the expert himself is stations.ExpertProfile."""

import os
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from qa.models.attachments import PrivateStorage


class ExpertApplication(models.Model):
    """What an expert submitted to be admitted (Art. 6): consent and documents."""

    expert = models.OneToOneField(
        "stations.ExpertProfile",
        on_delete=models.CASCADE,
        related_name="application",
        verbose_name=_("expert"),
    )
    consent_version = models.CharField(_("version of the rules agreed"), max_length=20)
    consent_text = models.TextField(_("text agreed"))
    consented_at = models.DateTimeField(_("agreed at"))
    #: staff asked for more information; the application waits for the applicant
    info_requested = models.BooleanField(_("more information requested"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("expert application")
        verbose_name_plural = _("expert applications")
        permissions = [
            ("vet_expert", _("Can approve, reject and question expert applications")),
            ("suspend_expert", _("Can suspend and reinstate experts")),
        ]

    def __str__(self) -> str:
        return str(self.expert)


def document_path(instance, filename: str) -> str:
    """A unique storage name: a random hex name keeping only the checked suffix."""
    suffix = os.path.splitext(filename)[1].lower()
    return f"experts/{uuid.uuid4().hex}{suffix}"


class ApplicationDocument(models.Model):
    """A supporting document (PDF or image) of an application, kept private."""

    application = models.ForeignKey(
        ExpertApplication, on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(
        upload_to=document_path, storage=PrivateStorage, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("supporting document")
        verbose_name_plural = _("supporting documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class VettingAction(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    INFO_REQUESTED = "info_requested", _("More information requested")
    RESUBMITTED = "resubmitted", _("Application updated by the applicant")
    SUSPENDED = "suspended", _("Suspended")
    REINSTATED = "reinstated", _("Reinstated")


class VettingDecision(models.Model):
    """One recorded step of an expert's vetting: who did what, when and why."""

    expert = models.ForeignKey(
        "stations.ExpertProfile",
        on_delete=models.CASCADE,
        related_name="vetting_decisions",
        verbose_name=_("expert"),
    )
    action = models.CharField(_("action"), max_length=20, choices=VettingAction)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("vetting decision")
        verbose_name_plural = _("vetting decisions")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.expert}: {self.get_action_display()}"


class AwayPeriod(models.Model):
    """Days an expert is away: no invitations or new-problem announcements."""

    expert = models.ForeignKey(
        "stations.ExpertProfile",
        on_delete=models.CASCADE,
        related_name="away_periods",
        verbose_name=_("expert"),
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until (inclusive)"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("away period")
        verbose_name_plural = _("away periods")
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="experts_away_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.expert}: {self.start}–{self.end}"


class InvitationReply(models.Model):
    """An expert's declining of the station's invitation to answer a problem."""

    invitation = models.OneToOneField(
        "qa.Notification",
        on_delete=models.CASCADE,
        related_name="reply",
        verbose_name=_("invitation"),
    )
    expert = models.ForeignKey(
        "stations.ExpertProfile",
        on_delete=models.CASCADE,
        related_name="invitation_replies",
        verbose_name=_("expert"),
    )
    problem = models.ForeignKey(
        "qa.Problem",
        on_delete=models.CASCADE,
        related_name="invitation_replies",
        verbose_name=_("problem"),
    )
    reason = models.TextField(_("reason for declining"))
    declined_at = models.DateTimeField(_("declined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("declined invitation")
        verbose_name_plural = _("declined invitations")
        ordering = ["-declined_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.expert}: {self.problem}"
