"""What every API request meets before and after its endpoint.

Before: paging numbers no database can take, and JSON bodies that are too large
or hold NUL characters, are refused. Wagtail's own endpoints (pages, images,
documents) hand any `offset` ≥ 0 to the database, which fails on a 20-digit
number (SQLite: "datatype mismatch", PostgreSQL: "bigint out of range"); a body
over DATA_UPLOAD_MAX_MEMORY_SIZE made django-ninja answer 500; a NUL stored from
the API came out raw in pages and feeds (the web forms refuse it).

After: refusals that are not JSON yet (Django's 404 for an unknown path, the
405 of a method an endpoint lacks, the CSRF failure page) become the same
problem+json, in the site's language, as the endpoints' own.
"""

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from ops.api_errors import refusal

API_PREFIX = "/api/"
PAGING_PARAMS = ("offset", "limit")
#: nobody pages past 10 digits; the databases' integers end at 19
MAX_DIGITS = 10
#: the HTTP status of a body over the size limit: "Content Too Large"
TOO_LARGE = 413


def _paging_refusal(request):
    for name in PAGING_PARAMS:
        raw = request.GET.get(name, "").strip()
        if raw.isdecimal() and len(raw.lstrip("0")) > MAX_DIGITS:
            return refusal(
                400,
                _("%(name)s is too large (at most %(n)d digits).")
                % {"name": name, "n": MAX_DIGITS},
            )
    return None


def _holds_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def _body_refusal(request):
    if request.method not in ("POST", "PUT", "PATCH"):
        return None
    if request.content_type != "application/json":
        return None
    try:
        body = request.body
    except RequestDataTooBig:
        limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return refusal(
            TOO_LARGE,
            _("The request body is too large (at most %(size)s).") % {"size": limit},
        )
    try:
        data = json.loads(body)
    except ValueError:
        return None  # the endpoint answers malformed JSON itself
    if _holds_nul(data):
        return refusal(400, _("Text may not contain NUL characters."))
    return None


def _as_problem(response):
    """A refusal in HTML or plain text as problem+json, its headers kept."""
    if response.status_code < 400 or "json" in response.get("Content-Type", ""):
        return response
    detail = {
        403: _("You are not allowed to do this."),
        404: _("Nothing was found here."),
        405: _("This address does not take the request's method."),
    }.get(response.status_code, "")
    replaced = refusal(response.status_code, detail)
    if response.has_header("Allow"):
        replaced["Allow"] = response["Allow"]
    return replaced


class ApiGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        refused = _paging_refusal(request) or _body_refusal(request)
        if refused is not None:
            return refused
        return _as_problem(self.get_response(request))
