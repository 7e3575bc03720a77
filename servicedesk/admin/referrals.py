"""Service organisations and referrals in the admin."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from qa.models import ProblemStatus
from servicedesk import selectors
from servicedesk.admin.scoping import scoped_views
from servicedesk.models import (
    Referral,
    ReferralStatus,
    ServiceOrganisation,
)
from servicedesk.services import referral_create, referral_move
from servicedesk.services.referrals import REFERRAL_MOVES


class ServiceOrganisationViewSet(SnippetViewSet):
    model = ServiceOrganisation
    icon = "site"
    menu_label = gettext_lazy("Service organisations")
    copy_view_enabled = False
    list_display = ["name", "kind", "region", "contact_person", "phone", "active"]
    list_filter = ["kind", "region", "active"]
    search_fields = ["name", "services"]
    list_export = [
        "name",
        "get_kind_display",
        "services",
        "get_region_display",
        "contact_person",
        "phone",
        "email",
        "website",
        "active",
    ]
    export_filename = "service-organisations"


class ReferralIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if REFERRAL_MOVES[instance.status]:
            buttons.append(
                MenuItem(
                    _("Record the organisation's answer"),
                    url=reverse("servicedesk_admin:referral_move", args=[instance.pk]),
                    icon_name="edit",
                    priority=5,
                )
            )
        buttons.append(
            MenuItem(
                _("Enterprise overview"),
                url=reverse(
                    "servicedesk_admin:enterprise_overview",
                    args=[instance.problem.enterprise_id],
                ),
                icon_name="doc-full",
                priority=50,
            )
        )
        return buttons

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("servicedesk.add_referral"):
            buttons.append(
                HeaderButton(
                    _("Refer a problem"),
                    url=reverse("servicedesk_admin:referral_add"),
                    icon_name="plus",
                )
            )
        return buttons


class ReferralViewSet(SnippetViewSet):
    model = Referral
    icon = "redirect"
    menu_label = gettext_lazy("Referrals")
    index_view_class = ReferralIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class, delete_view_class, inspect_view_class = scoped_views(
        selectors.referrals_for
    )
    list_display = ["problem", "organisation", "status", "created_at", "updated_at"]
    list_filter = ["status", "organisation"]
    inspect_view_fields = [
        "problem",
        "organisation",
        "note",
        "status",
        "created_by",
        "created_at",
    ]
    list_export = [
        "pk",
        "problem",
        "problem.enterprise",
        "organisation",
        "note",
        "get_status_display",
        "created_by",
        "created_at",
        "updated_at",
    ]
    export_filename = "referrals"

    def get_queryset(self, request):
        return selectors.referrals_for(request.user)


class ReferralForm(forms.Form):
    problem = forms.ModelChoiceField(label=gettext_lazy("Problem"), queryset=None)
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Service organisation"),
        queryset=ServiceOrganisation.objects.filter(active=True),
    )
    note = forms.CharField(
        label=gettext_lazy("Why and what for"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem"].queryset = selectors.problems_for(user).filter(
            status__in=[ProblemStatus.OPEN, ProblemStatus.ANSWERED]
        )


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(label=gettext_lazy("The organisation's answer"))
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required when the problem was solved or declined."),
    )

    def __init__(self, *args, referral: Referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (status, ReferralStatus(status).label)
            for status in ReferralStatus.values
            if status in REFERRAL_MOVES[referral.status]
        ]


def _render(request, form, *, title: str, intro: str = "", submit: str):
    return TemplateResponse(
        request,
        "servicedesk/admin/form.html",
        {"page_title": title, "intro": intro, "form": form, "submit_label": submit},
    )


def referral_add(request):
    """Refer one of the station's open problems to an organisation."""
    if not request.user.has_perm("servicedesk.add_referral"):
        raise PermissionDenied
    initial = {"problem": request.GET.get("problem")}
    form = ReferralForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            referral_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The problem has been referred."))
            return redirect(Referral.snippet_viewset.get_url_name("list"))
    return _render(request, form, title=_("Refer a problem"), submit=_("Refer"))


def referral_move_view(request, pk: int):
    """Record what the organisation answered."""
    if not request.user.has_perm("servicedesk.change_referral"):
        raise PermissionDenied
    referral = get_object_or_404(selectors.referrals_for(request.user), pk=pk)
    form = MoveForm(request.POST or None, referral=referral)
    if request.method == "POST" and form.is_valid():
        try:
            referral_move(referral=referral, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The referral has been updated."))
            return redirect(Referral.snippet_viewset.get_url_name("list"))
    return _render(
        request,
        form,
        title=_("Record the organisation's answer"),
        intro=str(referral),
        submit=_("Save"),
    )
