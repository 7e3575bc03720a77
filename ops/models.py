from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    """One form or API submission, claimed by its key before anything is written.

    A double click, a retried request or two tabs sending the same form carry
    the same key; the unique constraint lets exactly one of them write, and
    the others are answered with what that one created.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("user")
    )
    action = models.CharField(_("action"), max_length=100)
    key = models.CharField(_("key"), max_length=64)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True
    )
    object_id = models.CharField(max_length=64, blank=True)
    created = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "action", "key"],
                name="ops_submission_once_per_user_action",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.action}:{self.key}"
