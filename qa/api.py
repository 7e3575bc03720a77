"""Problems, answers, tags and site search in the headless API (Wagtail API v3).

Reads accept a session or a bearer token (Wagtail's API tokens) or nobody;
writes need a session (with CSRF) or a token. The same selectors and services
as the web pages decide what each user may see and do, so unscreened answers
and experts-only problems never leak here either.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.models import Page

from ops.ratelimits import limited
from ops.submissions import header_key, submit_once
from qa import selectors, services
from qa.models import (
    PUBLIC_STATUSES,
    Answer,
    ContactChannel,
    Problem,
    ScreeningStatus,
    Urgency,
    Visibility,
)
from qa.rendering import markdown_to_text, render_markdown
from qa.tags import tag_slug_for
from search.backends.highlight import highlight
from search.selectors import site_searches
from stations.choices import Industry, Region

READ_AUTH = [BearerTokenAuth(), django_auth, AllowAnonymous()]
WRITE_AUTH = [BearerTokenAuth(), django_auth]
#: page size when none is asked for, and the most one request may ask for
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
IDEMPOTENCY_NOTE = (
    "Send an `Idempotency-Key` header (at most 64 ASCII characters) to make retries "
    "safe: a repeat with the same key writes nothing and answers 200 with what "
    "the first request created."
)
MAX_QUERY_LENGTH = 200
LIST_PARAMS = {"q", "tag", "industry", "region", "status", "limit", "offset"}

problems_router = Router(tags=["problems"])
tags_router = Router(tags=["tags"])
search_router = Router(tags=["search"])


class ProblemOut(Schema):
    id: int
    title: str
    status: str
    industry: str
    region: str
    urgency: str
    visibility: str
    enterprise: str
    tags: list[str]
    url: str
    created_at: str


class AnswerOut(Schema):
    id: int
    parent_id: int | None
    level: int
    expert: str
    text: str
    submitted_at: str
    accepted: bool


class AttachmentOut(Schema):
    name: str
    size: int
    content_type: str
    url: str


class ProblemDetailOut(ProblemOut):
    description: str
    description_html: str
    attachments: list[AttachmentOut]
    answers: list[AnswerOut]


class ProblemPage(Schema):
    count: int
    items: list[ProblemOut]


class ProblemIn(Schema):
    title: str
    description: str
    industry: str
    region: str
    tags: list[str] = []
    urgency: str = Urgency.NORMAL
    contact_channels: list[str] = [ContactChannel.SITE]
    visibility: str = Visibility.PUBLIC
    submit: bool = True


class AnswerIn(Schema):
    text: str


class TagOut(Schema):
    name: str
    slug: str
    count: int
    url: str


class SearchHit(Schema):
    type: str
    title: str
    url: str
    snippet: str


class SearchPage(Schema):
    count: int
    items: list[SearchHit]


def _problem_out(problem: Problem) -> dict:
    return {
        "id": problem.pk,
        "title": problem.title,
        "status": problem.status,
        "industry": problem.industry,
        "region": problem.region,
        "urgency": problem.urgency,
        "visibility": problem.visibility,
        "enterprise": problem.publisher_name,
        "tags": [t.name for t in problem.tags.all()],
        "url": problem.get_absolute_url(),
        "created_at": problem.created_at.isoformat(),
    }


def _bad(message: str):
    raise HttpError(400, message)


def _int_param(raw: str | None, name: str, default: int, maximum: int | None) -> int:
    if raw is None:
        return default
    # Beyond 10 digits no database takes it as an offset; nobody pages that far.
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    if not raw.isdecimal() or len(raw.lstrip("0")) > 10:
        _bad(_("%(name)s must be a whole number ≥ 0") % {"name": name})
    value = int(raw)
    if maximum is not None and not 1 <= value <= maximum:
        _bad(
            _("%(name)s must be between 1 and %(max)d") % {"name": name, "max": maximum}
        )
    return value


def _paging(params, known: set[str]) -> tuple[int, int]:
    """limit and offset of a list request, once its parameters are all known."""
    unknown = set(params) - known
    if unknown:
        _bad(_("unknown parameters: %(names)s") % {"names": ", ".join(sorted(unknown))})
    limit = _int_param(params.get("limit"), "limit", DEFAULT_LIMIT, MAX_LIMIT)
    offset = _int_param(params.get("offset"), "offset", 0, None)
    return limit, offset


def _choice_param(raw: str | None, name: str, allowed) -> str | None:
    if raw in (None, ""):
        return None
    if raw not in allowed:
        _bad(_("unknown %(name)s: %(value)s") % {"name": name, "value": raw})
    return raw


@problems_router.get(
    "/", response=ProblemPage, auth=READ_AUTH, summary="Problems one may read"
)
def problem_list(request):
    """Filters: q (full text), tag (slug or name), industry, region, status;
    pagination by limit (1–100) and offset. Newest first (ties by id) unless q
    ranks them."""
    params = request.GET
    limit, offset = _paging(params, LIST_PARAMS)
    status = _choice_param(params.get("status"), "status", PUBLIC_STATUSES)
    industry = _choice_param(params.get("industry"), "industry", Industry.values)
    region = _choice_param(params.get("region"), "region", Region.values)
    named = params.get("tag") or None
    tag = tag_slug_for(named) if named else None
    if named and tag is None:
        _bad(_("unknown tag: %(tag)s") % {"tag": named})
    filters = {
        "tag": tag,
        "status": status,
        "industry": industry,
        "region": region,
        "user": request.user,
    }
    problems = selectors.problem_list_public(**filters)
    query = (params.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    if query:
        # The search backend filters on indexed fields only; tags are not one.
        readable = list(problems.values_list("pk", flat=True))
        results = Problem.objects.filter(pk__in=readable).search(query)
        count = len(results)
        items = list(results[offset : offset + limit])
    else:
        count = selectors.problem_list_count(**filters)
        items = list(problems[offset : offset + limit])
    return {"count": count, "items": [_problem_out(p) for p in items]}


def _readable_problem(request, problem_id: int) -> Problem:
    problem = get_object_or_404(
        Problem.objects.select_related("enterprise"), pk=problem_id
    )
    if not selectors.problem_visible_to(problem=problem, user=request.user):
        raise Http404
    return problem


@problems_router.get(
    "/{int:problem_id}/",
    response=ProblemDetailOut,
    auth=READ_AUTH,
    summary="One problem with its published answers",
)
def problem_detail(request, problem_id: int):
    problem = _readable_problem(request, problem_id)
    answers = (
        Answer.for_problem(problem)
        .filter(screening=ScreeningStatus.APPROVED)
        .order_by("thread_id", "order")
    )
    data = _problem_out(problem)
    data.update(
        description=problem.description,
        description_html=str(render_markdown(problem.description)),
        attachments=[
            {
                "name": f.original_name,
                "size": f.size,
                "content_type": f.content_type,
                "url": reverse("qa:attachment", args=[f.pk]),
            }
            for f in problem.attachments.all()
        ],
        answers=[
            {
                "id": a.pk,
                "parent_id": a.parent_id if a.level else None,
                "level": a.level,
                "expert": a.user_name,
                "text": a.comment,
                "submitted_at": a.submit_date.isoformat(),
                "accepted": a.pk == problem.accepted_answer_id,
            }
            for a in answers
        ],
    )
    return data


@problems_router.post(
    "/",
    response={200: ProblemOut, 201: ProblemOut},
    auth=WRITE_AUTH,
    summary="Post a problem (enterprises)",
    description=IDEMPOTENCY_NOTE,
)
@limited("problem")
def problem_create(request, payload: ProblemIn):
    enterprise = request.user.enterprise_or_none
    if enterprise is None:
        raise HttpError(403, _("Only registered enterprises can post problems."))
    try:
        problem, fresh = submit_once(
            user=request.user,
            action="problem",
            key=header_key(request),
            write=lambda: services.problem_create(
                enterprise=enterprise, **payload.dict()
            ),
        )
    except ValidationError as error:
        raise HttpError(400, " ".join(error.messages)) from error
    return Status(201 if fresh else 200, _problem_out(problem))


@problems_router.post(
    "/{int:problem_id}/answers/",
    response={200: AnswerOut, 201: AnswerOut},
    auth=WRITE_AUTH,
    summary="Answer a problem (verified experts); public once screened",
    description=IDEMPOTENCY_NOTE,
)
@limited("answer")
def answer_create(request, problem_id: int, payload: AnswerIn):
    problem = get_object_or_404(Problem, pk=problem_id)
    if not selectors.problem_visible_to(problem=problem, user=request.user):
        raise HttpError(403, _("You cannot take part in this problem."))
    try:
        answer, fresh = submit_once(
            user=request.user,
            action=f"answer:{problem.pk}",
            key=header_key(request),
            write=lambda: services.answer_create(
                problem=problem, user=request.user, text=payload.text
            ),
        )
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        raise HttpError(400, " ".join(error.messages)) from error
    return Status(
        201 if fresh else 200,
        {
            "id": answer.pk,
            "parent_id": None,
            "level": 0,
            "expert": answer.user_name,
            "text": answer.comment,
            "submitted_at": answer.submit_date.isoformat(),
            "accepted": problem.accepted_answer_id == answer.pk,
        },
    )


@tags_router.get("/", response=list[TagOut], auth=READ_AUTH, summary="Tags in use")
def tag_list(request):
    return [
        {
            "name": t.name,
            "slug": t.slug,
            "count": t.n,
            "url": reverse("qa:tag", args=[t.slug]),
        }
        for t in selectors.tags_in_use(limit=200)
    ]


SEARCH_PARAMS = {"q", "type", "limit", "offset"}


def _problem_hit(problem: Problem, query: str) -> dict:
    return {
        "type": "problem",
        "title": problem.title,
        "url": problem.get_absolute_url(),
        "snippet": str(highlight(markdown_to_text(problem.description), query)),
    }


def _page_hit(page: Page, query: str) -> dict:
    text = getattr(page, "plain_text", "") or page.search_description
    return {
        "type": "page",
        "title": page.title,
        "url": page.url or "",
        "snippet": str(highlight(text, query)),
    }


#: the kinds of results, in the order listed, and how each is shown
SEARCH_HITS = {"problems": _problem_hit, "pages": _page_hit}


@search_router.get(
    "/", response=SearchPage, auth=READ_AUTH, summary="Search pages and problems"
)
def site_search(request):
    """q (required): public problems and pages matching it, each with a
    highlighted snippet (HTML with <mark>). type: problems or pages (both when
    absent: the problems first, each kind by relevance); limit (1–100) and
    offset page through that one sequence."""
    params = request.GET
    limit, offset = _paging(params, SEARCH_PARAMS)
    kind = _choice_param(params.get("type"), "type", tuple(SEARCH_HITS))
    query = (params.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    if not query:
        _bad(_("q is required"))
    found = site_searches(query)
    count, items = 0, []
    for name in (kind,) if kind else SEARCH_HITS:
        results, as_hit = found[name], SEARCH_HITS[name]
        total = results.count()
        count += total
        wanted = limit - len(items)
        if wanted and offset < total:
            items += [as_hit(r, query) for r in results[offset : offset + wanted]]
        offset = max(0, offset - total)
    return {"count": count, "items": items}
