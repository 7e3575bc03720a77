"""Private messages between one expert and the enterprise about a problem."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivateMessage(models.Model):
    """A message in the private conversation of a problem's enterprise and one
    expert (Art. 9: contact online)."""

    problem = models.ForeignKey(
        "qa.Problem", on_delete=models.CASCADE, related_name="private_messages"
    )
    #: the expert side of the conversation (whoever wrote this message)
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("from"),
    )
    text = models.TextField(_("message"), max_length=3000)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("private message")
        verbose_name_plural = _("private messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["problem", "expert", "created_at"])]

    def __str__(self) -> str:
        return f"{self.problem_id}/{self.expert_id}: {self.text[:30]}"


class ContactConsent(models.Model):
    """The enterprise agreed to exchange contact details with this expert."""

    problem = models.ForeignKey(
        "qa.Problem", on_delete=models.CASCADE, related_name="contact_consents"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    granted_at = models.DateTimeField(_("agreed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact consent")
        verbose_name_plural = _("contact consents")
        constraints = [
            models.UniqueConstraint(
                fields=["problem", "expert"], name="qa_contact_consent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.problem_id} ↔ {self.expert_id}"
