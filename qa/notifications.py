"""The one way people are told about events: inbox, e-mail and SMS (Art. 9).

`notify` records one Notification per person per event (never for the person's
own action) with one Delivery per chosen channel. Instant deliveries are sent
after the transaction commits; a failure is recorded on the delivery and never
reaches the request. `send_pending` retries failures and `send_digests` sends
the daily digests (both run by the `send_notifications` command).
"""

import logging
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from qa.models import (
    Channel,
    Delivery,
    Frequency,
    Notification,
    NotificationPreference,
    Problem,
)
from qa.sms import get_sms_backend
from stations.models import User

logger = logging.getLogger(__name__)

#: a failed delivery is tried this many times in all
MAX_ATTEMPTS = 5


def preference_for(user: User) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    return preference


def phone_of(user: User) -> str:
    """The mobile number to text: the account's, else the profile's."""
    if user.phone:
        return user.phone
    profile = user.expert_or_none or user.enterprise_or_none
    return getattr(profile, "phone", "") or ""


def _address(user: User, channel: str) -> str:
    if channel == Channel.EMAIL:
        return user.email
    if channel == Channel.SMS:
        return phone_of(user)
    return "inbox"


@transaction.atomic
def notify(
    *,
    event: str,
    recipients: Iterable[User],
    key: str,
    subject: str,
    body: str,
    problem: Problem | None = None,
    actor: User | None = None,
    url: str = "",
) -> list[Notification]:
    """Tell each recipient once about an event identified by `key`; the link is
    `url` if given, else the problem's page."""
    created = []
    url = url or (problem.get_absolute_url() if problem else "")
    seen = set()
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        if actor is not None and user.pk == actor.pk:
            continue  # nobody is told about their own action
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=user,
                    event=event,
                    key=f"{event}:{key}"[:120],
                    problem=problem,
                    subject=subject[:200],
                    body=body,
                    url=url,
                )
        except IntegrityError:
            continue  # already told about this event
        preference = preference_for(user)
        for channel in preference.channels:
            if channel != Channel.SITE and not _address(user, channel):
                continue
            Delivery.objects.create(
                notification=notification,
                channel=channel,
                status=Delivery.Status.SENT
                if channel == Channel.SITE
                else Delivery.Status.PENDING,
                sent_at=timezone.now() if channel == Channel.SITE else None,
                digest=channel != Channel.SITE
                and preference.frequency == Frequency.DAILY,
            )
        created.append(notification)
    ids = [n.pk for n in created]
    if ids:
        transaction.on_commit(lambda: _send_instant(ids))
    return created


def _send_instant(notification_ids: list[int]) -> None:
    deliveries = Delivery.objects.filter(
        notification_id__in=notification_ids,
        status=Delivery.Status.PENDING,
        digest=False,
    )
    for delivery in deliveries.select_related("notification__recipient"):
        deliver(delivery)


def _full_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path if path else ""


def _send_email(user: User, subject: str, items: list[Notification]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(
            "qa/email/notification.txt",
            {
                "user": user,
                "items": [{"n": n, "link": _full_url(n.url)} for n in items],
                "settings_link": _full_url("/accounts/inbox/settings/"),
            },
        )
    send_mail(subject, text, None, [user.email])


def _send_sms(user: User, text: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        signed = f"【{_('Xunjie')}】{text}"
    get_sms_backend().send(phone=phone_of(user), text=signed[:140])


def deliver(delivery: Delivery) -> bool:
    """Send one instant delivery; record the outcome; never raise."""
    notification = delivery.notification
    user = notification.recipient
    try:
        if delivery.channel == Channel.EMAIL:
            _send_email(user, notification.subject, [notification])
        elif delivery.channel == Channel.SMS:
            _send_sms(user, f"{notification.subject} {_full_url(notification.url)}")
    except Exception as error:  # any failure of a mail server or gateway
        logger.warning("delivery %s failed: %s", delivery.pk, error)
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.FAILED,
            attempts=delivery.attempts + 1,
            last_error=str(error)[:1000],
        )
        return False
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.SENT,
        attempts=delivery.attempts + 1,
        sent_at=timezone.now(),
        last_error="",
    )
    return True


def send_pending() -> tuple[int, int]:
    """Retry instant deliveries that are waiting or failed; (sent, failed)."""
    sent = failed = 0
    retry = Delivery.objects.filter(
        digest=False,
        status__in=[Delivery.Status.PENDING, Delivery.Status.FAILED],
        attempts__lt=MAX_ATTEMPTS,
    ).select_related("notification__recipient")
    for delivery in retry:
        if deliver(delivery):
            sent += 1
        else:
            failed += 1
    return sent, failed


def send_digests() -> int:
    """One e-mail and/or one SMS per person with everything held for the digest."""
    held = Delivery.objects.filter(
        digest=True,
        status__in=[Delivery.Status.PENDING, Delivery.Status.FAILED],
        attempts__lt=MAX_ATTEMPTS,
    ).select_related("notification__recipient")
    groups: dict[tuple[int, str], list[Delivery]] = defaultdict(list)
    for delivery in held:
        groups[(delivery.notification.recipient_id, delivery.channel)].append(delivery)
    sent = 0
    for (_user_id, channel), deliveries in groups.items():
        user = deliveries[0].notification.recipient
        items = [d.notification for d in deliveries]
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("[Xunjie] %(count)d new notifications") % {"count": len(items)}
        pks = [d.pk for d in deliveries]
        try:
            if channel == Channel.EMAIL:
                _send_email(user, subject, items)
            else:
                _send_sms(user, subject)
        except Exception as error:  # any failure of a mail server or gateway
            logger.warning("digest for user %s failed: %s", user.pk, error)
            for delivery in deliveries:
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=Delivery.Status.FAILED,
                    attempts=delivery.attempts + 1,
                    last_error=str(error)[:1000],
                )
            continue
        Delivery.objects.filter(pk__in=pks).update(
            status=Delivery.Status.SENT, sent_at=timezone.now()
        )
        sent += 1
    return sent


def staff_users() -> list[User]:
    """The station staff who screen answers and chase problems."""
    return [
        user
        for user in User.objects.filter(is_active=True, groups__isnull=False)
        .distinct()
        .order_by("pk")
        if user.has_perm("qa.screen_answer")
    ]


def inbox_for(*, user: User):
    """A user's site inbox, newest first."""
    return Notification.objects.filter(
        recipient=user, deliveries__channel=Channel.SITE
    ).order_by("-created_at", "-pk")


def inbox_unread_count(*, user: User) -> int:
    return inbox_for(user=user).filter(read_at__isnull=True).count()


def inbox_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications read, or all of them."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def preference_set(*, user: User, channels: list[str], frequency: str) -> None:
    """A user's own choice of channels and of instant or daily messages."""
    preference = preference_for(user)
    preference.channels = [c for c in Channel.values if c in channels]
    preference.frequency = frequency
    preference.full_clean()
    preference.save()
