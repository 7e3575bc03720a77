"""Web views on answers and their threads; the rules live in services.

A refused message is answered 400 (invalid) or 403 (not allowed), never stored.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ops.ratelimits import limited
from ops.submissions import form_key, submit_once
from qa import selectors, services
from qa.forms import AcceptForm, MessageForm
from qa.models import Answer, Problem
from qa.views.problems import ALREADY_SENT


def _refused(request, problem: Problem, message: str):
    return render(
        request,
        "qa/refused.html",
        {"problem": problem, "message": message},
        status=400,
    )


def _visible_problem(request, problem: Problem | None) -> Problem:
    """A message about a problem the user cannot see is refused outright."""
    if problem is None or not selectors.problem_visible_to(
        problem=problem, user=request.user
    ):
        raise PermissionDenied(_("You cannot take part in this problem."))
    return problem


def _post_message(request, problem: Problem, write, *, empty: str, done, action=None):
    """Validate the text, let the service `write` it, and answer the user.

    `done(message)` gives the success notice; a refusal stores nothing. With
    an `action`, the form's submission key makes a repeat of the same form
    (double click, second tab) find the first message instead of a second.
    """
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _refused(request, problem, empty)
    try:
        message, fresh = submit_once(
            user=request.user,
            action=action,
            key=form_key(request) if action else None,
            write=partial(write, user=request.user, text=form.cleaned_data["text"]),
        )
    except ValidationError as error:
        return _refused(request, problem, " ".join(error.messages))
    messages.success(request, done(message) if fresh else ALREADY_SENT)
    return redirect(problem)


@login_required
@require_POST
@limited("answer")
def answer_create(request, pk: int):
    problem = _visible_problem(request, get_object_or_404(Problem, pk=pk))
    return _post_message(
        request,
        problem,
        partial(services.answer_create, problem=problem),
        action=f"answer:{problem.pk}",
        empty=_("Please write your answer before sending."),
        done=lambda answer: _(
            "Thank you. Your answer will be public once it is screened."
        ),
    )


@login_required
@require_POST
@limited("answer")
def reply_create(request, answer_pk: int):
    parent = get_object_or_404(Answer, pk=answer_pk)
    problem = _visible_problem(request, parent.problem)
    return _post_message(
        request,
        problem,
        partial(services.reply_create, parent=parent),
        action=f"reply:{parent.pk}",
        empty=_("Please write your reply before sending."),
        done=lambda reply: (
            _("Your reply has been posted.")
            if reply.is_public
            else _("Your reply will be public once it is screened.")
        ),
    )


@login_required
@require_POST
def answer_revise(request, answer_pk: int):
    answer = get_object_or_404(Answer, pk=answer_pk)
    problem = _visible_problem(request, answer.problem)
    return _post_message(
        request,
        problem,
        partial(services.answer_revise, answer=answer),
        empty=_("Please write your answer before sending."),
        done=lambda revised: _("Your revised answer will be screened again."),
    )


@login_required
@require_POST
def answer_note(request, answer_pk: int):
    answer = get_object_or_404(Answer, pk=answer_pk)
    problem = _visible_problem(request, answer.problem)
    services.answer_note_set(
        answer=answer, user=request.user, note=request.POST.get("note", "")[:2000]
    )
    messages.success(request, _("Staff note saved."))
    return redirect(problem)


@login_required
@require_POST
def answer_accept(request, answer_pk: int):
    answer = get_object_or_404(Answer, pk=answer_pk)
    problem = _visible_problem(request, answer.problem)
    form = AcceptForm(request.POST)
    if not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        return _refused(request, problem, " ".join(errors))
    try:
        services.answer_accept(
            answer=answer,
            user=request.user,
            satisfaction=form.cleaned_data["satisfaction"],
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        return _refused(request, problem, " ".join(error.messages))
    messages.success(request, _("The problem is marked as solved. Thank you."))
    return redirect(problem)


@login_required
def my_answers(request):
    """An expert's own answers with their screening outcome and score."""
    if request.user.expert_or_none is None:
        raise PermissionDenied(_("This page is for experts."))
    answers = selectors.expert_answer_history(user=request.user)
    page = Paginator(answers, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "qa/my_answers.html",
        {"page": page, "summary": selectors.expert_answer_summary(user=request.user)},
    )
