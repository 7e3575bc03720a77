"""Page offsets no database can take are refused before any endpoint runs.

Wagtail's own endpoints (pages, images, documents) accept any `offset` ≥ 0 and
hand it to the database, which fails on a 20-digit number (SQLite: "datatype
mismatch", PostgreSQL: "bigint out of range") and the client got a 500. Our
endpoints already refuse such numbers; this guard gives every endpoint of the
API the same 400.
"""

from django.utils.translation import gettext as _
from wagtail.api.v3.errors import problem_response

API_PREFIX = "/api/"
PAGING_PARAMS = ("offset", "limit")
#: nobody pages past 10 digits; the databases' integers end at 19
MAX_DIGITS = 10


class PagingBoundsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            for name in PAGING_PARAMS:
                raw = request.GET.get(name, "").strip()
                if raw.isdecimal() and len(raw.lstrip("0")) > MAX_DIGITS:
                    return problem_response(
                        status=400,
                        detail=_("%(name)s is too large (at most %(n)d digits).")
                        % {"name": name, "n": MAX_DIGITS},
                    )
        return self.get_response(request)
