"""Web views on answers and their threads; the rules live in services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qa import selectors, services
from qa.forms import AcceptForm, MessageForm
from qa.models import Answer, Problem

#: problems per page in the list
PAGE_SIZE = 20


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


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
