"""Rate limits on the writes abusers repeat: registration, login, posts, answers.

The limits live in settings (XUNJIE_RATELIMITS, read at each request so a
deployment or a test can change them); views take one decorator line each.
"""

from django.conf import settings
from django_ratelimit.decorators import ratelimit


def _rate_for(name: str):
    def rate(group, request) -> str:
        return settings.XUNJIE_RATELIMITS[name]

    return rate


def limited(name: str):
    """Refuse POSTs beyond the `name` limit of XUNJIE_RATELIMITS with a 429.

    Counted per signed-in user, or per IP address for visitors, so that one
    office behind a shared address does not block another's accounts.
    """
    return ratelimit(
        group=f"xunjie:{name}",
        key="user_or_ip",
        rate=_rate_for(name),
        method="POST",
        block=True,
    )
