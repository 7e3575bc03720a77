"""The site inbox and each user's notification choices."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from qa import notifications
from qa.models import Channel, Frequency


class PreferenceForm(forms.Form):
    channels = forms.MultipleChoiceField(
        label=gettext_lazy("Tell me by"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    frequency = forms.ChoiceField(
        label=gettext_lazy("How often"), choices=Frequency.choices
    )


@login_required
def inbox(request):
    items = notifications.inbox_for(user=request.user)
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    return render(request, "qa/inbox.html", {"page": page})


@login_required
@require_POST
def inbox_read(request):
    raw = request.POST.get("notification", "")
    notifications.inbox_mark_read(
        user=request.user, notification_id=int(raw) if raw.isdecimal() else None
    )
    return redirect("qa_account:inbox")


@login_required
def inbox_settings(request):
    preference = notifications.preference_for(request.user)
    form = PreferenceForm(
        request.POST or None,
        initial={"channels": preference.channels, "frequency": preference.frequency},
    )
    if request.method == "POST" and form.is_valid():
        notifications.preference_set(
            user=request.user,
            channels=form.cleaned_data["channels"],
            frequency=form.cleaned_data["frequency"],
        )
        messages.success(request, _("Your choices have been saved."))
        return redirect("qa_account:inbox")
    return render(request, "qa/inbox_settings.html", {"form": form})
