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
from qa.forms import CheckForm, ScreeningForm
from qa.models import Answer, Problem, ProblemStatus

#: answers shown per page of the queue
PAGE_SIZE = 25


def _require_screener(request) -> None:
    if not request.user.has_perm("qa.screen_answer"):
        raise PermissionDenied


def screening_queue(request):
    _require_screener(request)
    page = Paginator(selectors.answers_awaiting_screening(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for answer in page:
        answer.form = ScreeningForm(prefix=f"a{answer.pk}")
    return TemplateResponse(
        request,
        "qa/admin/screening_queue.html",
        {"page": page, "page_title": _("Screening queue"), "header_icon": "tasks"},
    )


@require_POST
def screening_decide(request, pk: int):
    _require_screener(request)
    answer = get_object_or_404(Answer, pk=pk)
    form = ScreeningForm(request.POST, prefix=f"a{pk}")
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
        return redirect("qa_screening:queue")
    data = form.cleaned_data
    try:
        services.answer_screen(
            answer=answer,
            user=request.user,
            approve=data["decision"] == "approve",
            quality_score=data["quality_score"],
            reason=data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Answer approved.") if answer.is_public else _("Answer rejected."),
        )
    return redirect("qa_screening:queue")


def check_queue(request):
    _require_screener(request)
    page = Paginator(selectors.problems_awaiting_check(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
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
    problem = get_object_or_404(Problem, pk=pk)
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
