"""Attaching files to problems, and the one upload check every app uses: type
by content, size and pixel limits, safe names."""

import os
import re
import unicodedata

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image

from qa.models import Problem, ProblemAttachment, ProblemStatus
from stations.models import User

_OOXML = "application/vnd.openxmlformats-officedocument"
#: allowed suffix → the MIME type the content itself must show
ALLOWED_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".docx": f"{_OOXML}.wordprocessingml.document",
    ".xlsx": f"{_OOXML}.spreadsheetml.sheet",
    ".pptx": f"{_OOXML}.presentationml.presentation",
}
#: an image larger than this (in pixels) would exhaust memory when displayed
MAX_PIXELS = 40_000_000
MAX_ATTACHMENTS = 10
#: characters that have no place in a file name (markup, paths, controls)
_BAD_NAME = re.compile(r'[<>:"/\\|?*&;`$\x00-\x1f\x7f]')


def _clean_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name or _BAD_NAME.search(name) or name.startswith("."):
        raise ValidationError(
            _("The file name contains characters that are not allowed."),
            code="name",
        )
    return name[:200]


def _check_content(upload: UploadedFile, expected: str, suffix: str) -> str:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime != expected:
        raise ValidationError(
            _("The file's content does not match its type “%(suffix)s”.")
            % {"suffix": suffix},
            code="content",
        )
    if expected.startswith("image/"):
        too_large = ValidationError(
            _("The image is too large (at most %(n)d million pixels).")
            % {"n": MAX_PIXELS // 1_000_000},
            code="pixels",
        )
        try:
            # Only the header is read here; Pillow refuses extreme sizes itself.
            with Image.open(upload) as image:
                width, height = image.size
        except Image.DecompressionBombError as error:
            raise too_large from error
        except Exception as error:  # any unreadable image header
            raise ValidationError(
                _("The image cannot be read."), code="image"
            ) from error
        finally:
            upload.seek(0)
        if width * height > MAX_PIXELS:
            raise too_large
    return expected


def upload_check(
    upload: UploadedFile,
    *,
    allowed_types: dict[str, str] = ALLOWED_TYPES,
    max_bytes: int | None = None,
    type_error: str = "",
) -> tuple[str, str]:
    """Any uploaded file: a safe name, one of `allowed_types` (suffix → MIME
    type) as shown by its content, at most `max_bytes` (default: the problem
    attachment limit) and the pixel limit. Returns the clean name and the MIME
    type; `type_error` is the refusal shown for any other type."""
    name = _clean_name(upload.name)
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in allowed_types:
        raise ValidationError(
            type_error or _("Only images, PDF and Office files can be attached."),
            code="type",
        )
    max_bytes = max_bytes or settings.QA_ATTACHMENT_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (at most %(mb)d MB).")
            % {"mb": max_bytes // (1024 * 1024)},
            code="size",
        )
    return name, _check_content(upload, allowed_types[suffix], suffix)


@transaction.atomic
def attachment_add(
    *, problem: Problem, user: User, upload: UploadedFile
) -> ProblemAttachment:
    """The enterprise attaches an image, PDF or Office file to its problem."""
    if problem.enterprise.user_id != user.pk:
        raise PermissionDenied(_("Only the enterprise that posted it can add files."))
    if problem.status == ProblemStatus.CLOSED:
        raise ValidationError(_("This problem is closed."), code="closed")
    if problem.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            _("At most %(n)d files per problem.") % {"n": MAX_ATTACHMENTS},
            code="count",
        )
    name, content_type = upload_check(upload)
    attachment = ProblemAttachment(
        problem=problem,
        original_name=name,
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    try:
        attachment.file.save(name, upload, save=False)
    except OSError as error:
        # a full or failing disk: say so, and the transaction keeps no row
        raise ValidationError(
            _("The file could not be stored on the server; please try again later."),
            code="storage",
        ) from error
    attachment.save()
    return attachment
