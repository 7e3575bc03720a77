"""Letters and assessments in the Wagtail admin, scoped to the user's stations.

Both listings are read-only: letters and assessments are written only through
appointments/services.py, from the director's screens in appointments/admin_views.py.
"""

import django_filters
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from appointments import admin_views, selectors, services
from appointments.models import AppointmentLetter, Assessment, Grade, Half, LetterStatus
from stations.models import Station


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Nobody adds, edits or deletes these rows in the generic admin forms."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "copy"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(AppointmentLetter, ReadOnlyPolicy(AppointmentLetter))
register_permission_policy(Assessment, ReadOnlyPolicy(Assessment))


class LetterFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=LetterStatus.choices, method="filter_status"
    )
    year = django_filters.NumberFilter(label=_("Year"), field_name="year")
    station = django_filters.ModelChoiceFilter(
        label=_("Station"), queryset=Station.objects.all()
    )

    class Meta:
        model = AppointmentLetter
        fields = []

    def filter_status(self, queryset, name, value):
        return selectors.letters_filter_status(queryset, value)


class LetterIndexView(IndexView):
    """The letters of the user's stations; each row opens the director's screen."""

    def get_base_queryset(self):
        return selectors.letters_for_staff(self.request.user)

    def get_inspect_url(self, instance):
        return reverse("appointments_admin:letter", args=[instance.pk])

    @property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm(services.ISSUE_PERMISSION):
            buttons.append(
                HeaderButton(
                    _("Issue letters"),
                    url=reverse("appointments_admin:awaiting"),
                    icon_name="plus",
                )
            )
        return buttons


class LetterViewSet(ModelViewSet):
    """Appointment letters: number, expert, term and computed status."""

    model = AppointmentLetter
    icon = "doc-full"
    menu_label = _("Appointment letters")
    index_view_class = LetterIndexView
    filterset_class = LetterFilterSet
    list_display = [
        "number",
        "expert",
        "start",
        "end",
        Column("status", label=_("Status"), accessor="get_status_display"),
        "station",
    ]
    list_per_page = 50
    list_export = [
        "number",
        "expert.real_name",
        "expert.organisation",
        "expert.title",
        "station",
        "start",
        "end",
        "get_status_display",
        "issued_on",
        "issued_by",
        "previous",
        "revoked_at",
        "revocation_reason",
    ]
    export_headings = {
        "number": _("Letter number"),
        "expert.real_name": _("Expert"),
        "expert.organisation": _("Organisation"),
        "expert.title": _("Professional title"),
        "station": _("Station"),
        "start": _("Term starts"),
        "end": _("Term ends"),
        "get_status_display": _("Status"),
        "issued_on": _("Issue date"),
        "issued_by": _("Issued by"),
        "previous": _("Renews letter"),
        "revoked_at": _("Revoked at"),
        "revocation_reason": _("Reason for revocation"),
    }
    export_filename = "appointment-letters"
    #: never shown: the read-only policy refuses the generic add and edit forms
    form_fields = ["revocation_reason"]
    search_fields = ["number"]


class AssessmentFilterSet(WagtailFilterSet):
    year = django_filters.NumberFilter(label=_("Year"), field_name="year")
    half = django_filters.ChoiceFilter(label=_("Half-year"), choices=Half.choices)
    grade = django_filters.ChoiceFilter(label=_("Grade"), choices=Grade.choices)
    station = django_filters.ModelChoiceFilter(
        label=_("Station"),
        queryset=Station.objects.all(),
        field_name="expert__station",
    )

    class Meta:
        model = Assessment
        fields = []


class AssessmentIndexView(IndexView):
    def get_base_queryset(self):
        return selectors.assessments_for_staff(self.request.user)

    @property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm(services.ASSESS_PERMISSION):
            buttons.append(
                HeaderButton(
                    _("Record an assessment"),
                    url=reverse("appointments_admin:assess"),
                    icon_name="plus",
                )
            )
        return buttons


class AssessmentViewSet(ModelViewSet):
    """Half-yearly assessments of experts with score and grade."""

    model = Assessment
    icon = "success"
    menu_label = _("Assessments")
    index_view_class = AssessmentIndexView
    filterset_class = AssessmentFilterSet
    list_display = ["expert", "period_label", "score", "grade", "assessed_by"]
    list_per_page = 50
    list_export = [
        "expert.real_name",
        "expert.organisation",
        "year",
        "get_half_display",
        "score",
        "get_grade_display",
        "comment",
        "assessed_by",
        "assessed_at",
    ]
    export_headings = {
        "expert.real_name": _("Expert"),
        "expert.organisation": _("Organisation"),
        "year": _("Year"),
        "get_half_display": _("Half-year"),
        "score": _("Score"),
        "get_grade_display": _("Grade"),
        "comment": _("Comment"),
        "assessed_by": _("Assessed by"),
        "assessed_at": _("Assessed at"),
    }
    export_filename = "assessments"
    #: never shown: the read-only policy refuses the generic add and edit forms
    form_fields = ["comment"]


class AppointmentsGroup(ViewSetGroup):
    menu_label = _("Letters and assessments")
    menu_icon = "doc-full"
    menu_order = 240
    items = (
        LetterViewSet("appointments_letter"),
        AssessmentViewSet("appointments_assessment"),
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return AppointmentsGroup()


@hooks.register("register_admin_urls")
def register_director_urls():
    urls = [
        path("awaiting/", admin_views.awaiting, name="awaiting"),
        path("issue/<int:expert_pk>/", admin_views.issue, name="issue"),
        path("letter/<int:pk>/", admin_views.letter, name="letter"),
        path("letter/<int:pk>/renew/", admin_views.renew, name="renew"),
        path("letter/<int:pk>/revoke/", admin_views.revoke, name="revoke"),
        path("assess/", admin_views.assess, name="assess"),
    ]
    return [path("appointments/", include((urls, "appointments_admin")))]
