"""Validation errors of the API (422) in the site's language, like its pages.

Wagtail's API v3 answers RFC 7807 problem+json with pydantic's English
messages; the same shape is kept, with each message and the summary translated.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.exceptions import Ratelimited
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError
from wagtail.api.v3.errors import problem_response

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
#: django-ninja's own English refusals
NINJA_MESSAGES = {
    "Cannot parse request body": gettext_lazy("The request body is not valid JSON."),
}
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
        detail = NINJA_MESSAGES.get(str(exc), str(exc))
        return problem_response(status=exc.status_code, detail=str(detail))

    @api.exception_handler(Ratelimited)
    def ratelimited(request, exc):
        return problem_response(
            status=429,
            detail=_("Too many requests in a short while; please wait and try again."),
        )
