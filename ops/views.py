"""Pages shown instead of a view: too many requests, a locked sign-in."""

from django.conf import settings
from django.shortcuts import render

#: HTTP status of both refusals: "Too Many Requests"
TOO_MANY = 429


def ratelimited(request, exception):
    """Too many posts in a short time: a 429 page saying to wait."""
    return render(request, "ops/ratelimited.html", status=TOO_MANY)


def locked_out(request, credentials=None, *args, **kwargs):
    """Sign-in paused after repeated failures (django-axes' lockout response)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "ops/lockout.html",
        {"minutes": minutes, "failures": settings.AXES_FAILURE_LIMIT},
        status=TOO_MANY,
    )
