"""Files an enterprise attaches to its problem, kept outside the public media."""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivateStorage(FileSystemStorage):
    """Files under QA_PRIVATE_MEDIA_ROOT, never served by a URL of their own:
    only the attachment view, after its permission check, sends them."""

    @property
    def base_location(self):
        return str(settings.QA_PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no public URL")


def attachment_path(instance, filename: str) -> str:
    """A unique storage name: a random hex name keeping only the checked suffix."""
    suffix = os.path.splitext(filename)[1].lower()
    return f"problems/{uuid.uuid4().hex}{suffix}"


class ProblemAttachment(models.Model):
    """An image, PDF or Office file attached to a problem."""

    problem = models.ForeignKey(
        "qa.Problem", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        upload_to=attachment_path, storage=PrivateStorage, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name
