"""Web views of the Q&A workflow; the rules live in services and selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qa import selectors, services
from qa.forms import AcceptForm, MessageForm, ProblemForm
from qa.models import PUBLIC_STATUSES, Answer, Problem, ProblemStatus
from stations.choices import Industry

#: problems per page in the list
PAGE_SIZE = 20


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def problem_list(request):
    tag = request.GET.get("tag") or None
    status = request.GET.get("status") or None
    industry = request.GET.get("industry") or None
    problems = selectors.problem_list_public(tag=tag, status=status, industry=industry)
    page = Paginator(problems, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "qa/problem_list.html",
        {
            "page": page,
            "tags": selectors.tags_in_use(),
            "statuses": [(s, ProblemStatus(s).label) for s in PUBLIC_STATUSES],
            "industries": Industry.choices,
            "current": {"tag": tag, "status": status, "industry": industry},
        },
    )


def problem_detail(request, pk: int):
    problem = get_object_or_404(
        Problem.objects.select_related("enterprise", "accepted_answer"), pk=pk
    )
    if not selectors.problem_visible_to(problem=problem, user=request.user):
        raise Http404
    user = request.user
    return render(
        request,
        "qa/problem_detail.html",
        {
            "problem": problem,
            "threads": selectors.answer_thread_for(problem=problem, user=user),
            "events": problem.events.select_related("actor"),
            "is_owner": user.is_authenticated and problem.enterprise.user_id == user.pk,
            "can_answer": user.is_authenticated
            and user.is_verified_expert
            and problem.status in (ProblemStatus.OPEN, ProblemStatus.ANSWERED),
            "answer_form": MessageForm(),
            "accept_form": AcceptForm(),
        },
    )


@login_required
def problem_create(request):
    enterprise = request.user.enterprise_or_none
    if enterprise is None:
        raise PermissionDenied(_("Only registered enterprises can post problems."))
    form = ProblemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            problem = services.problem_create(
                enterprise=enterprise,
                title=data["title"],
                description=data["description"],
                industry=data["industry"],
                region=data["region"],
                tags=data["tags"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your problem has been posted."))
            return redirect(problem)
    return render(request, "qa/problem_form.html", {"form": form})


@login_required
@require_POST
def answer_create(request, pk: int):
    problem = get_object_or_404(Problem, pk=pk)
    if not selectors.problem_visible_to(problem=problem, user=request.user):
        raise Http404
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write your answer before sending."))
        return redirect(problem)
    try:
        services.answer_create(
            problem=problem, user=request.user, text=form.cleaned_data["text"]
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request, _("Thank you. Your answer will be public once it is screened.")
        )
    return redirect(problem)


@login_required
@require_POST
def reply_create(request, answer_pk: int):
    parent = get_object_or_404(Answer, pk=answer_pk)
    problem = parent.problem
    if problem is None or not selectors.problem_visible_to(
        problem=problem, user=request.user
    ):
        raise Http404
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write your reply before sending."))
        return redirect(problem)
    try:
        reply = services.reply_create(
            parent=parent, user=request.user, text=form.cleaned_data["text"]
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        if reply.is_public:
            messages.success(request, _("Your reply has been posted."))
        else:
            messages.success(
                request, _("Your reply will be public once it is screened.")
            )
    return redirect(problem)


@login_required
@require_POST
def answer_accept(request, answer_pk: int):
    answer = get_object_or_404(Answer, pk=answer_pk)
    problem = answer.problem
    if problem is None:
        raise Http404
    form = AcceptForm(request.POST)
    satisfaction = form.cleaned_data["satisfaction"] if form.is_valid() else None
    try:
        services.answer_accept(
            answer=answer, user=request.user, satisfaction=satisfaction
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The problem is marked as solved. Thank you."))
    return redirect(problem)
