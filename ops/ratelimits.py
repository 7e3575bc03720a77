"""Rate limits on the writes abusers repeat: registration, login, posts, answers.

The limits live in settings (XUNJIE_RATELIMITS, read at each request so a
deployment or a test can change them); views take one decorator line each.
"""

from functools import wraps

from django.conf import settings
from django_ratelimit.core import get_usage
from django_ratelimit.exceptions import Ratelimited


def _rate_for(name: str):
    def rate(group, request) -> str:
        return settings.XUNJIE_RATELIMITS[name]

    return rate


def limited(name: str):
    """Refuse POSTs beyond the `name` limit of XUNJIE_RATELIMITS with a 429.

    Counted per signed-in user, or per IP address for visitors, so that one
    office behind a shared address does not block another's accounts. The
    refusal says when the window ends (`retry_after` on the request, sent as
    Retry-After by both refusal pages).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            usage = get_usage(
                request,
                group=f"xunjie:{name}",
                key="user_or_ip",
                rate=_rate_for(name),
                method="POST",
                increment=True,
            )
            if usage and usage["should_limit"]:
                request.limited = True
                request.retry_after = max(usage["time_left"], 1)
                raise Ratelimited()
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def with_retry_after(request, response):
    """The 429 `response` saying how many seconds the limit still holds."""
    seconds = getattr(request, "retry_after", None)
    if seconds is not None:
        response["Retry-After"] = str(seconds)
    return response
