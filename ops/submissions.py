"""Each submission written once, however often it arrives.

Forms carry a fresh key in a hidden field (`{% submission_key %}`), API clients
may send an `Idempotency-Key` header. A key is claimed in the same transaction
as the write it guards: if the write fails the claim goes with it, so the user
can correct the form and send it again; if two requests with one key arrive at
the same instant, the second waits on the unique constraint, then finds the
first one's result instead of writing again.
"""

import datetime
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Submission

FIELD = "submission_key"
HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = Submission._meta.get_field("key").max_length

T = TypeVar("T")


def new_key() -> str:
    return str(uuid.uuid4())


def key_of(value: str | None) -> str | None:
    """The key a client sent, or None when it sent none.

    An over-long key is refused (a silently cut key could match another
    submission); an empty one counts as none.
    """
    value = (value or "").strip()
    if not value:
        return None
    if len(value) > MAX_KEY_LENGTH:
        raise ValidationError(
            _("The submission key is too long (at most %(n)d characters).")
            % {"n": MAX_KEY_LENGTH},
            code="key_too_long",
        )
    return value


def form_key(request) -> str | None:
    return key_of(request.POST.get(FIELD))


def header_key(request) -> str | None:
    return key_of(request.headers.get(HEADER))


def submit_once(
    *, user, action: str, key: str | None, write: Callable[[], T]
) -> tuple[T, bool]:
    """Run `write` unless this user already sent `key` for this `action`.

    `action` names what is written and where (e.g. ``answer:12``), so that a
    client reusing a key elsewhere is not answered with an unrelated object.

    Returns `(result, True)` for a new write and `(earlier result, False)` for
    a repeat. Without a key, `write` always runs.
    """
    if key is None:
        return write(), True
    with transaction.atomic():
        claim, fresh = Submission.objects.get_or_create(
            user=user, action=action, key=key
        )
        if not fresh:
            return claim.created, False
        result = write()
        claim.content_type = ContentType.objects.get_for_model(result)
        claim.object_id = str(result.pk)
        claim.save(update_fields=["content_type", "object_id"])
    return result, True


#: how long a key is remembered: retries and second tabs come within minutes
KEEP = datetime.timedelta(days=30)


def forget_old(now: datetime.datetime | None = None) -> int:
    """Delete the keys older than KEEP; returns how many."""
    cutoff = (now or timezone.now()) - KEEP
    deleted, _by_model = Submission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
