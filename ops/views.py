"""Pages shown instead of a view: too many requests, a locked sign-in."""

from django.conf import settings
from django.shortcuts import render

from ops.ratelimits import with_retry_after

#: HTTP status of both refusals: "Too Many Requests"
TOO_MANY = 429


def ratelimited(request, exception):
    """Too many posts in a short time: a 429 page saying to wait."""
    seconds = getattr(request, "retry_after", 60)
    minutes = max(1, -(-seconds // 60))  # rounded up: never "0 minutes"
    response = render(
        request, "ops/ratelimited.html", {"minutes": minutes}, status=TOO_MANY
    )
    return with_retry_after(request, response)


def locked_out(request, credentials=None, *args, **kwargs):
    """Sign-in paused after repeated failures (django-axes' lockout response)."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = render(
        request,
        "ops/lockout.html",
        {"minutes": seconds // 60, "failures": settings.AXES_FAILURE_LIMIT},
        status=TOO_MANY,
    )
    # An upper bound: the pause started at the last failure, up to now.
    response["Retry-After"] = str(seconds)
    return response
