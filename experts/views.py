"""The expert's own pages: registration, application status, away periods,
declining invitations; and the public expert profile."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from experts import selectors
from experts.forms import (
    ApplicationSubmitForm,
    ApplicationUpdateForm,
    AwayForm,
    DeclineForm,
    ExpertRegistrationForm,
)
from experts.models import (
    ApplicationDocument,
    AwayPeriod,
    ExpertApplication,
    InvitationReply,
)
from experts.services import availability, registration
from ops.ratelimits import limited
from qa.models import Notification, NotificationEvent


@limited("register")
def register(request):
    if request.user.is_authenticated and request.user.expert_or_none:
        return redirect("experts:application")
    form = ExpertRegistrationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            expert = registration.expert_apply(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(
                request,
                expert.user,
                backend="django.contrib.auth.backends.ModelBackend",
            )
            return redirect("experts:application")
    return render(request, "experts/register.html", {"form": form})


def _own_expert(request):
    expert = request.user.expert_or_none
    if expert is None:
        raise Http404
    return expert


@login_required
def application(request):
    """The applicant's status page; answers a request for more information."""
    expert = _own_expert(request)
    app = ExpertApplication.objects.filter(expert=expert).first()
    form = None
    if app is None and expert.status == "pending":
        form = ApplicationSubmitForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                registration.application_submit(
                    expert=expert, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you. The station will vet it."))
                return redirect("experts:application")
    elif app is not None and app.info_requested and expert.status == "pending":
        form = ApplicationUpdateForm(
            request.POST or None,
            request.FILES or None,
            initial={
                "organisation": expert.organisation,
                "organisation_type": expert.organisation_type,
                "department": expert.department,
                "title": expert.title,
                "expertise": "、".join(expert.expertise.names()),
                "industries": expert.industries,
                "biography": expert.biography,
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                registration.application_update(
                    expert=expert, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Thank you. Your application is back with the station.")
                )
                return redirect("experts:application")
    return render(
        request,
        "experts/application.html",
        {
            "expert": expert,
            "app": app,
            "form": form,
            "decisions": selectors.decisions_for(expert),
        },
    )


def document_download(request, pk: int):
    """A supporting document, for its applicant and the staff who vet him."""
    document = get_object_or_404(
        ApplicationDocument.objects.select_related("application__expert"), pk=pk
    )
    expert = document.application.expert
    user = request.user
    allowed = user.is_authenticated and (
        expert.user_id == user.pk
        or (
            user.has_perm("experts.vet_expert")
            and selectors.can_act_on(user=user, expert=expert)
        )
    )
    if not allowed:
        raise Http404
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def away(request):
    expert = _own_expert(request)
    form = AwayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            availability.away_add(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your away period is saved."))
            return redirect("experts:away")
    return render(
        request,
        "experts/away.html",
        {"form": form, "periods": selectors.away_periods_of(expert)},
    )


@login_required
@require_POST
def away_remove(request, pk: int):
    period = get_object_or_404(AwayPeriod.objects.select_related("expert"), pk=pk)
    try:
        availability.away_remove(user=request.user, period=period)
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(request, _("The away period is removed."))
    return redirect("experts:away")


@login_required
def invitation_decline(request, pk: int):
    invitation = get_object_or_404(
        Notification.objects.select_related("problem"),
        pk=pk,
        recipient=request.user,
        event=NotificationEvent.INVITED,
    )
    form = DeclineForm(request.POST or None)
    declined = InvitationReply.objects.filter(invitation=invitation).first()
    if request.method == "POST" and declined is None and form.is_valid():
        try:
            availability.invitation_decline(
                user=request.user,
                invitation=invitation,
                reason=form.cleaned_data["reason"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request, _("You declined the invitation; the station has been told.")
            )
            return redirect("qa_account:inbox")
    return render(
        request,
        "experts/decline.html",
        {"invitation": invitation, "form": form, "declined": declined},
    )


def profile(request, pk: int):
    expert = selectors.public_expert(pk)
    if expert is None:
        raise Http404
    return render(
        request,
        "experts/profile.html",
        {"expert": expert, "record": selectors.expert_record(expert)},
    )
