"""Private conversations about a problem, and the enterprise's contact consent."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qa import selectors
from qa.models import Problem
from qa.services import messages as message_services
from stations.models import User


class PrivateMessageForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _expert_side(request, problem: Problem) -> User:
    """The expert of the conversation: the viewer, or the one the enterprise picked."""
    if problem.enterprise.user_id == request.user.pk:
        raw = request.GET.get("expert") or request.POST.get("expert") or ""
        if not raw.isdecimal():
            raise Http404
        return get_object_or_404(User, pk=int(raw))
    if not message_services.conversation_allowed(problem=problem, expert=request.user):
        raise PermissionDenied(_("Private messages are not possible here."))
    return request.user


@login_required
def conversation(request, pk: int):
    problem = get_object_or_404(Problem, pk=pk)
    if not selectors.problem_visible_to(problem=problem, user=request.user):
        raise PermissionDenied
    is_owner = problem.enterprise.user_id == request.user.pk
    if is_owner and "expert" not in request.GET and request.method == "GET":
        return render(
            request,
            "qa/conversations.html",
            {
                "problem": problem,
                "experts": selectors.conversations_of(problem=problem),
            },
        )
    expert = _expert_side(request, problem)
    form = PrivateMessageForm(request.POST or None)
    here = reverse("qa:conversation", args=[pk]) + (
        f"?expert={expert.pk}" if is_owner else ""
    )
    if request.method == "POST":
        if "share" in request.POST:
            try:
                message_services.contact_share(
                    problem=problem, user=request.user, expert=expert
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect(here)
        if form.is_valid():
            try:
                message_services.message_send(
                    problem=problem,
                    sender=request.user,
                    text=form.cleaned_data["text"],
                    expert=expert if is_owner else None,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(here)
    return render(
        request,
        "qa/conversation.html",
        {
            "problem": problem,
            "expert": expert,
            "is_owner": is_owner,
            "thread": selectors.conversation(problem=problem, expert=expert),
            "contacts": selectors.contact_details(problem=problem, expert=expert),
            "form": form,
        },
    )
