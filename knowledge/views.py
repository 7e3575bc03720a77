"""Web views of the public site beyond Wagtail's pages; the rules live in services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knowledge import services
from knowledge.forms import EventRegistrationForm
from knowledge.models import EventPage


def _live_event(pk: int) -> EventPage:
    return get_object_or_404(EventPage.objects.live().public(), pk=pk)


@login_required
@require_POST
def event_register(request, pk: int):
    event = _live_event(pk)
    form = EventRegistrationForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(event.url)
    try:
        services.event_register(event=event, user=request.user, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else error
        messages.error(request, str(text))
    else:
        messages.success(request, _("You are registered. See you at the event."))
    return redirect(event.url)


@login_required
@require_POST
def event_cancel(request, pk: int):
    event = _live_event(pk)
    try:
        services.event_registration_cancel(event=event, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your registration has been withdrawn."))
    return redirect(event.url)
