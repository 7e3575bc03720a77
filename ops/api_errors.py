"""The API's refusals in the site's language, like its pages.

Wagtail's API v3 answers RFC 7807 problem+json with pydantic's, django-ninja's
and its own English messages and titles; the same shape is kept, with the
messages, the summary and the title translated.
"""

import re

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.exceptions import Ratelimited
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError
from wagtail.api.v3.errors import problem_response

from ops.ratelimits import with_retry_after

#: pydantic error types → what the client did wrong
MESSAGES = {
    "missing": gettext_lazy("this field is required"),
    "string_type": gettext_lazy("must be text"),
    "list_type": gettext_lazy("must be a list"),
    "dict_type": gettext_lazy("must be a JSON object"),
    "model_type": gettext_lazy("must be a JSON object"),
    "model_attributes_type": gettext_lazy("must be a JSON object"),
    "int_type": gettext_lazy("must be a whole number"),
    "int_parsing": gettext_lazy("must be a whole number"),
    "int_from_float": gettext_lazy("must be a whole number"),
    "bool_type": gettext_lazy("must be true or false"),
    "bool_parsing": gettext_lazy("must be true or false"),
    "json_invalid": gettext_lazy("the request body is not valid JSON"),
    "string_too_long": gettext_lazy("is too long"),
}
#: English refusals of django-ninja and Wagtail's endpoints, by the start of
#: their text → ours (a "%(n)s" takes the number the English one ends with)
ENGLISH_MESSAGES = {
    "Cannot parse request body": gettext_lazy("The request body is not valid JSON."),
    "limit cannot be higher than": gettext_lazy("limit cannot be higher than %(n)s"),
    "Unauthorized": gettext_lazy("Please sign in or send an API token."),
    "CSRF check Failed": gettext_lazy(
        "The security token (CSRF) is missing or wrong: send the X-CSRFToken "
        "header with a session, or use an API token."
    ),
}
#: titles of the problem+json answers, by status (Wagtail gives the English phrase)
TITLES = {
    400: gettext_lazy("Bad request"),
    401: gettext_lazy("Authentication required"),
    403: gettext_lazy("Not allowed"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    413: gettext_lazy("Request too large"),
    429: gettext_lazy("Too many requests"),
}
CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBER_AT_END = re.compile(r"(\d+)\s*$")


def _translated(detail: str) -> str:
    """Our own messages as they are; the known English ones in the site's
    language."""
    for start, message in ENGLISH_MESSAGES.items():
        if detail.startswith(start):
            number = NUMBER_AT_END.search(detail)
            return str(message) % {"n": number.group(1) if number else ""}
    return detail


def refusal(status: int, detail: str):
    title = TITLES.get(status)
    return problem_response(
        status=status, title=str(title) if title else None, detail=detail
    )


#: parts of a location that only say where the request put the data
PLUMBING = {"body", "payload", "query", "path"}


def _message(error: dict) -> str:
    message = MESSAGES.get(error.get("type", ""))
    return str(message) if message else _("has a wrong value")


def _field(error: dict) -> str:
    return ".".join(str(p) for p in error.get("loc", ()) if p not in PLUMBING)


def register(api: NinjaAPI) -> None:
    """Replace the API's 422 handler by one that speaks the site's language."""

    @api.exception_handler(NinjaValidationError)
    @api.exception_handler(PydanticValidationError)
    @api.exception_handler(DjangoValidationError)
    def validation_error(request, exc):
        if isinstance(exc, DjangoValidationError):
            errors = [{"msg": message} for message in exc.messages]
        else:
            raw = exc.errors if isinstance(exc, NinjaValidationError) else exc.errors()
            errors = [
                {
                    "type": error.get("type", ""),
                    "loc": list(error.get("loc", ())),
                    "msg": _message(error),
                }
                for error in raw
            ]
        parts = [
            f"{_field(error)}: {error['msg']}" if _field(error) else error["msg"]
            for error in errors
        ]
        return problem_response(
            status=422,
            title=_("The request is not valid"),
            detail="; ".join(parts),
            errors=errors,
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return refusal(exc.status_code, _translated(str(exc)))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        # Django's own text names the model in English ("No Problem matches…").
        detail = str(exc) if CJK.search(str(exc)) else _("Nothing was found here.")
        return refusal(404, detail)

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc):
        # As Wagtail's: 401 unless someone is signed in (by token or session).
        if not request.user.is_authenticated:
            return refusal(401, _("Please sign in or send an API token."))
        return refusal(403, str(exc) or _("You are not allowed to do this."))

    @api.exception_handler(Ratelimited)
    def ratelimited(request, exc):
        detail = _("Too many requests in a short while; please wait and try again.")
        return with_retry_after(request, refusal(429, detail))
