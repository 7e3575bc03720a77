"""On-site services and fair solutions in the admin: verify, reject, revoke."""

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

from knowledge.models import EventKind, EventPage
from qa.models import ProblemStatus
from servicedesk import selectors
from servicedesk.admin.scoping import scoped_views
from servicedesk.models import FairSolution, OnSiteService, RecordStatus
from servicedesk.services import (
    fair_solution_record,
    fair_solution_revoke,
    fair_solution_verify,
    onsite_reject,
    onsite_verify,
)
from stations.models import ExpertProfile

VERIFY, REJECT = "verify", "reject"


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=gettext_lazy("Decision"))
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required to reject or revoke."),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = choices


def _overview_item(enterprise_id: int) -> MenuItem:
    return MenuItem(
        _("Enterprise overview"),
        url=reverse("servicedesk_admin:enterprise_overview", args=[enterprise_id]),
        icon_name="doc-full",
        priority=50,
    )


class OnSiteIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status not in (RecordStatus.REJECTED, RecordStatus.REVOKED):
            buttons.append(
                MenuItem(
                    _("Verify or reject"),
                    url=reverse("servicedesk_admin:onsite_decide", args=[instance.pk]),
                    icon_name="tick",
                    priority=5,
                )
            )
        buttons.append(_overview_item(instance.problem.enterprise_id))
        return buttons


class OnSiteServiceViewSet(SnippetViewSet):
    model = OnSiteService
    icon = "pick"
    menu_label = gettext_lazy("On-site services")
    index_view_class = OnSiteIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class, delete_view_class, inspect_view_class = scoped_views(
        selectors.onsite_services_for
    )
    list_display = ["problem", "expert", "service_date", "status", "reward_entry"]
    list_filter = ["status"]
    inspect_view_fields = [
        "problem",
        "expert",
        "service_date",
        "place",
        "work_done",
        "status",
        "dispute_reason",
        "confirmed_at",
        "verified_by",
        "verified_at",
        "staff_reason",
        "reward_entry",
    ]
    list_export = [
        "pk",
        "problem",
        "problem.enterprise",
        "expert.real_name",
        "service_date",
        "place",
        "work_done",
        "get_status_display",
        "verified_by",
        "verified_at",
        "reward_entry.amount",
    ]
    export_filename = "on-site-services"

    def get_queryset(self, request):
        return selectors.onsite_services_for(request.user)


class FairIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status != FairSolution.Status.REVOKED:
            buttons.append(
                MenuItem(
                    _("Verify or revoke"),
                    url=reverse("servicedesk_admin:fair_decide", args=[instance.pk]),
                    icon_name="tick",
                    priority=5,
                )
            )
        buttons.append(_overview_item(instance.problem.enterprise_id))
        return buttons

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("servicedesk.add_fairsolution"):
            buttons.append(
                HeaderButton(
                    _("Record a fair solution"),
                    url=reverse("servicedesk_admin:fair_add"),
                    icon_name="plus",
                )
            )
        return buttons


class FairSolutionViewSet(SnippetViewSet):
    model = FairSolution
    icon = "date"
    menu_label = gettext_lazy("Fair solutions")
    index_view_class = FairIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class, delete_view_class, inspect_view_class = scoped_views(
        selectors.fair_solutions_for
    )
    list_display = ["problem", "expert", "event", "status", "reward_entry"]
    list_filter = ["status"]
    list_export = [
        "pk",
        "event",
        "problem",
        "problem.enterprise",
        "expert.real_name",
        "note",
        "get_status_display",
        "recorded_by",
        "verified_by",
        "verified_at",
        "reward_entry.amount",
    ]
    export_filename = "fair-solutions"

    def get_queryset(self, request):
        return selectors.fair_solutions_for(request.user)


def _render(request, form, *, title: str, intro: str = "", submit: str):
    return TemplateResponse(
        request,
        "servicedesk/admin/form.html",
        {"page_title": title, "intro": intro, "form": form, "submit_label": submit},
    )


def _refused(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def onsite_decide(request, pk: int):
    """Verify a confirmed on-site service, or reject (revoke) it with a reason."""
    if not request.user.has_perm("servicedesk.change_onsiteservice"):
        raise PermissionDenied
    service = get_object_or_404(selectors.onsite_services_for(request.user), pk=pk)
    choices = [(REJECT, _("Reject (revoke if verified)"))]
    if service.status == RecordStatus.CONFIRMED:
        choices.insert(0, (VERIFY, _("Verify")))
    form = DecisionForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == VERIFY:
                onsite_verify(service=service, actor=request.user)
            else:
                onsite_reject(
                    service=service,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("The on-site service has been updated."))
            return redirect(OnSiteService.snippet_viewset.get_url_name("list"))
    return _render(
        request,
        form,
        title=_("Verify or reject"),
        intro=f"{service} · {service.get_status_display()}",
        submit=_("Save"),
    )


class FairForm(forms.Form):
    event = forms.ModelChoiceField(
        label=gettext_lazy("Matchmaking fair"),
        queryset=EventPage.objects.filter(kind=EventKind.MATCHMAKING_FAIR).order_by(
            "-start_at"
        ),
    )
    problem = forms.ModelChoiceField(label=gettext_lazy("Problem"), queryset=None)
    expert = forms.ModelChoiceField(
        label=gettext_lazy("Expert"),
        queryset=ExpertProfile.objects.filter(status=ExpertProfile.Status.VERIFIED),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem"].queryset = selectors.problems_for(user).filter(
            status__in=[
                ProblemStatus.OPEN,
                ProblemStatus.ANSWERED,
                ProblemStatus.REFERRED,
                ProblemStatus.SOLVED,
            ]
        )


def fair_add(request):
    """Record which expert solved which problem at a fair."""
    if not request.user.has_perm("servicedesk.add_fairsolution"):
        raise PermissionDenied
    form = FairForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            fair_solution_record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("The fair solution has been recorded."))
            return redirect(FairSolution.snippet_viewset.get_url_name("list"))
    return _render(request, form, title=_("Record a fair solution"), submit=_("Record"))


def fair_decide(request, pk: int):
    """Verify a recorded fair solution, or revoke a verified one with a reason."""
    if not request.user.has_perm("servicedesk.change_fairsolution"):
        raise PermissionDenied
    solution = get_object_or_404(selectors.fair_solutions_for(request.user), pk=pk)
    if solution.status == FairSolution.Status.RECORDED:
        choices = [(VERIFY, _("Verify"))]
    else:
        choices = [(REJECT, _("Revoke"))]
    form = DecisionForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == VERIFY:
                fair_solution_verify(solution=solution, actor=request.user)
            else:
                fair_solution_revoke(
                    solution=solution,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("The fair solution has been updated."))
            return redirect(FairSolution.snippet_viewset.get_url_name("list"))
    return _render(
        request,
        form,
        title=_("Verify or revoke"),
        intro=f"{solution} · {solution.get_status_display()}",
        submit=_("Save"),
    )
