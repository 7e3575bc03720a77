"""Notifications: each user's choices, the inbox, and every delivery attempt."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    SITE = "site", _("Site inbox")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class Frequency(models.TextChoices):
    INSTANT = "instant", _("At once")
    DAILY = "daily", _("Once a day (digest)")


class NotificationEvent(models.TextChoices):
    NEW_PROBLEM = "new_problem", _("New problem in your field")
    INVITED = "invited", _("Invitation to answer")
    UNANSWERED = "unanswered", _("Problem still unanswered")
    ESCALATED = "escalated", _("Unanswered problem escalated")
    NEW_ANSWER = "new_answer", _("New answer to your problem")
    ANSWER_APPROVED = "answer_approved", _("Your answer was approved")
    ANSWER_REJECTED = "answer_rejected", _("Your answer was rejected")
    ANSWER_REVISION = "answer_revision", _("Your answer needs revision")
    REPLY = "reply", _("New reply in a thread")
    ACCEPTED = "accepted", _("Your answer was accepted as the solution")
    PROBLEM_RETURNED = "problem_returned", _("Your problem was returned")
    PRIVATE_MESSAGE = "private_message", _("New private message")
    LETTER_ISSUED = "letter_issued", _("Appointment letter issued")
    LETTER_EXPIRING = "letter_expiring", _("Appointment letter about to expire")
    INVITATION_DECLINED = "invitation_declined", _("An expert declined an invitation")
    VETTING_DECISION = "vetting_decision", _("Decision on your expert membership")
    ONSITE_REPORTED = "onsite_reported", _("On-site service to confirm")
    ONSITE_DECIDED = "onsite_decided", _("On-site service verified or rejected")


def default_channels() -> list[str]:
    return [Channel.SITE, Channel.EMAIL]


class NotificationPreference(models.Model):
    """How a user wants to be told: channels, and at once or as a daily digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    channels = models.JSONField(_("channels"), default=default_channels)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency, default=Frequency.INSTANT
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user}: {','.join(self.channels)} {self.frequency}"


class Notification(models.Model):
    """One message to one person about one event; also their inbox entry."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    event = models.CharField(_("event"), max_length=20, choices=NotificationEvent)
    #: identifies the event, so a person is told about it once
    key = models.CharField(max_length=120)
    problem = models.ForeignKey(
        "qa.Problem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], name="qa_notification_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"


class Delivery(models.Model):
    """One channel's delivery of a notification, with its outcome."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status,
        default=Status.PENDING,
        db_index=True,
    )
    #: held back for the recipient's daily digest
    digest = models.BooleanField(default=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="qa_delivery_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.notification_id} {self.channel} {self.status}"
