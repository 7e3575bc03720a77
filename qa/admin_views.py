"""Staff screens in the Wagtail admin: the problem check and answer screening
queues (Art. 14)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qa import selectors, services
from qa.announcements import experts_invite
from qa.forms import BulkScreeningForm, CheckForm, ScreeningForm
from qa.matching import experts_matching
from qa.models import Answer, Problem, ProblemStatus
from stations.models import ExpertProfile
from stations.scoping import scope_answers_to_stations, scope_to_stations

#: answers shown per page of the queue
PAGE_SIZE = 25


def _require_screener(request) -> None:
    if not request.user.has_perm("qa.screen_answer"):
        raise PermissionDenied


def _awaiting_screening(request):
    # A city station screens the answers to its own enterprises' problems.
    return scope_answers_to_stations(
        selectors.answers_awaiting_screening(), request.user
    )


def screening_queue(request):
    _require_screener(request)
    page = Paginator(_awaiting_screening(request), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for answer in page:
        answer.form = ScreeningForm(
            prefix=f"a{answer.pk}", initial={"staff_note": answer.staff_note}
        )
    return TemplateResponse(
        request,
        "qa/admin/screening_queue.html",
        {
            "page": page,
            "bulk_form": BulkScreeningForm(
                prefix="bulk", queryset=_awaiting_screening(request)
            ),
            "page_title": _("Screening queue"),
            "header_icon": "tasks",
        },
    )


def _screen(request, answer: Answer, data: dict) -> str | None:
    """One decision through the service; the error text if it was refused."""
    try:
        services.answer_screen(
            answer=answer,
            user=request.user,
            approve=data["decision"] == "approve",
            revise=data["decision"] == "revise",
            quality_score=data["quality_score"],
            reason=data["reason"],
            staff_note=data["staff_note"] or None,
        )
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def _errors_of(form) -> str:
    """What is wrong with a screening form, each fault after its field's name
    (a bad score is not "choose a decision")."""
    faults = []
    for name, errors in form.errors.items():
        text = " ".join(errors)
        if name in form.fields:
            text = _("%(field)s: %(errors)s") % {
                "field": form.fields[name].label,
                "errors": text,
            }
        faults.append(text)
    return " ".join(faults)


@require_POST
def screening_bulk(request):
    """The same decision for several answers, each checked by the service."""
    _require_screener(request)
    form = BulkScreeningForm(
        request.POST, prefix="bulk", queryset=_awaiting_screening(request)
    )
    if not form.is_valid():
        messages.error(request, _errors_of(form))
        return redirect("qa_screening:queue")
    done, refused = 0, []
    for answer in form.cleaned_data["selected"]:
        error = _screen(request, answer, form.cleaned_data)
        if error:
            refused.append(f"#{answer.pk}: {error}")
        else:
            done += 1
    messages.success(request, _("%(count)d answers screened.") % {"count": done})
    if refused:
        messages.error(request, " ".join(refused))
    return redirect("qa_screening:queue")


@require_POST
def screening_decide(request, pk: int):
    _require_screener(request)
    answer = get_object_or_404(
        scope_answers_to_stations(Answer.objects.all(), request.user), pk=pk
    )
    form = ScreeningForm(request.POST, prefix=f"a{pk}")
    if not form.is_valid():
        messages.error(request, _errors_of(form))
        return redirect("qa_screening:queue")
    error = _screen(request, answer, form.cleaned_data)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("qa_screening:queue")


def check_queue(request):
    _require_screener(request)
    problems = scope_to_stations(
        selectors.problems_awaiting_check(), request.user, "enterprise__station"
    )
    page = Paginator(problems, PAGE_SIZE).get_page(request.GET.get("page"))
    for problem in page:
        problem.form = CheckForm(prefix=f"p{problem.pk}")
    return TemplateResponse(
        request,
        "qa/admin/check_queue.html",
        {"page": page, "page_title": _("Problems to check"), "header_icon": "help"},
    )


@require_POST
def check_decide(request, pk: int):
    _require_screener(request)
    problem = get_object_or_404(
        scope_to_stations(Problem.objects.all(), request.user, "enterprise__station"),
        pk=pk,
    )
    form = CheckForm(request.POST, prefix=f"p{pk}")
    if not form.is_valid():
        messages.error(request, _("Choose to open or return the problem."))
        return redirect("qa_check:queue")
    data = form.cleaned_data
    try:
        problem = services.problem_check(
            problem=problem,
            clerk=request.user,
            approve=data["decision"] == "open",
            note=data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Problem opened to experts.")
            if problem.status == ProblemStatus.OPEN
            else _("Problem returned to the enterprise."),
        )
    return redirect("qa_check:queue")


def unanswered_queue(request):
    """Open problems without a published answer, oldest first, with the experts
    who match them best, so staff can invite them (Art. 8)."""
    _require_screener(request)
    problems = scope_to_stations(
        selectors.problems_unanswered(), request.user, "enterprise__station"
    )
    page = Paginator(problems, PAGE_SIZE).get_page(request.GET.get("page"))
    for problem in page:
        problem.matching = experts_matching(problem=problem, limit=5)
    return TemplateResponse(
        request,
        "qa/admin/unanswered_queue.html",
        {"page": page, "page_title": _("Unanswered problems"), "header_icon": "time"},
    )


@require_POST
def invite(request, pk: int):
    _require_screener(request)
    problem = get_object_or_404(
        scope_to_stations(Problem.objects.all(), request.user, "enterprise__station"),
        pk=pk,
    )
    ids = [int(v) for v in request.POST.getlist("experts") if v.isdecimal()]
    experts = list(ExpertProfile.objects.filter(pk__in=ids).select_related("user"))
    try:
        count = experts_invite(problem=problem, experts=experts, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(count)d experts invited.") % {"count": count})
    return redirect("qa_unanswered:queue")
