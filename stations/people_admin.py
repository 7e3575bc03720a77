"""The stations and the enterprises in the Wagtail admin, each station's staff
seeing their own (notice §3); enterprises are verified here by their station."""

import django_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from stations import services
from stations.admin_scoping import StationScopedObjectMixin, scoped_views
from stations.choices import Industry, Region
from stations.models import Enterprise, Station
from stations.scoping import (
    can_manage_stations,
    scope_to_stations,
    station_visible_to,
    visible_stations,
)


class StationPolicy(ModelPermissionPolicy):
    """Provincial staff (with the director's permission) and superusers create
    and edit stations; only superusers delete; the others read their own."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return user.is_superuser
        if action in ("add", "change"):
            return can_manage_stations(user)
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "view":
            return super().user_has_permission(user, "view") and station_visible_to(
                user, instance
            )
        return self.user_has_permission(user, action)


class _RolesSynced:
    """After the form is saved, the director and clerks join their role groups."""

    def save_instance(self):
        station = super().save_instance()
        services.station_roles_sync(station=station)
        return station


class StationCreateView(_RolesSynced, CreateView):
    pass


class StationEditView(_RolesSynced, StationScopedObjectMixin, EditView):
    station_path = "pk"


class StationViewSet(SnippetViewSet):
    model = Station
    icon = "home"
    menu_label = gettext_lazy("Stations")
    menu_order = 140
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    add_view_class = StationCreateView
    edit_view_class = StationEditView
    inspect_view_class = scoped_views("pk")["inspect_view_class"]
    list_display = [
        "name",
        "level",
        "parent",
        "director",
        Column("clerk_names", label=gettext_lazy("Clerks")),
        Column("expert_count", label=gettext_lazy("Expert team")),
        "phone",
    ]
    list_filter = ["level", "region"]
    inspect_view_fields = [
        "name",
        "level",
        "parent",
        "region",
        "address",
        "phone",
        "director",
        "clerks",
    ]

    def get_queryset(self, request):
        """Each user sees the stations he works at and those below them."""
        return (
            visible_stations(request.user)
            .select_related("parent", "director")
            .prefetch_related("clerks")
            .annotate(expert_count=Count("experts", distinct=True))
            .order_by("level", "name")
        )


def _visible_stations(request):
    return visible_stations(request.user)


class EnterpriseFilterSet(WagtailFilterSet):
    verified = django_filters.BooleanFilter(label=gettext_lazy("Verified"))
    industry = django_filters.ChoiceFilter(
        label=gettext_lazy("Industry"), choices=Industry.choices
    )
    region = django_filters.ChoiceFilter(
        label=gettext_lazy("Region"), choices=Region.choices
    )
    size = django_filters.ChoiceFilter(
        label=gettext_lazy("Size class"), choices=Enterprise.Size.choices
    )
    station = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Station"), queryset=_visible_stations
    )

    class Meta:
        model = Enterprise
        fields = []


class EnterpriseViewSet(SnippetViewSet):
    model = Enterprise
    icon = "group"
    menu_label = gettext_lazy("Enterprises")
    menu_order = 150
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = EnterpriseFilterSet
    inspect_view_class = scoped_views("station")["inspect_view_class"]
    edit_view_class = scoped_views("station")["edit_view_class"]
    list_display = ["name", "credit_code", "region", "industry", "station", "verified"]
    list_per_page = 50
    inspect_view_fields = [
        "name",
        "credit_code",
        "size",
        "industry",
        "region",
        "station",
        "contact_person",
        "phone",
        "email",
        "verified",
        "verified_by",
        "verified_at",
        "unverified_reason",
        "created_at",
    ]
    list_export = [
        "name",
        "credit_code",
        "get_size_display",
        "get_industry_display",
        "get_region_display",
        "station",
        "contact_person",
        "phone",
        "email",
        "verified",
        "created_at",
    ]
    export_headings = {
        "name": gettext_lazy("Company name"),
        "credit_code": gettext_lazy("Unified social credit code"),
        "get_size_display": gettext_lazy("Size class"),
        "get_industry_display": gettext_lazy("Industry"),
        "get_region_display": gettext_lazy("Region"),
        "station": gettext_lazy("Station"),
        "contact_person": gettext_lazy("Contact person"),
        "phone": gettext_lazy("Contact phone"),
        "email": gettext_lazy("Contact e-mail"),
        "verified": gettext_lazy("Verified"),
        "created_at": gettext_lazy("Registered at"),
    }
    export_filename = "enterprises"

    def get_queryset(self, request):
        """Each station's staff see the enterprises their stations serve."""
        return scope_to_stations(
            Enterprise.objects.select_related("station"), request.user, "station"
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("verify/<int:pk>/", self.verify_view, name="verify"),
            path("unverify/<int:pk>/", self.verify_view, name="unverify"),
        ]

    def verify_view(self, request, pk: int):
        """Confirm a verification, or give the reason for withdrawing it."""
        enterprise = get_object_or_404(self.get_queryset(request), pk=pk)
        withdraw = request.resolver_match.url_name.endswith("unverify")
        if request.method == "POST":
            try:
                if withdraw:
                    services.enterprise_unverify(
                        enterprise=enterprise,
                        actor=request.user,
                        reason=request.POST.get("reason", ""),
                    )
                else:
                    services.enterprise_verify(
                        enterprise=enterprise, actor=request.user
                    )
            except (PermissionDenied, ValidationError) as error:
                messages.error(
                    request, " ".join(getattr(error, "messages", [str(error)]))
                )
            else:
                messages.success(
                    request,
                    (
                        _("The verification of %(name)s was withdrawn.")
                        if withdraw
                        else _("%(name)s is verified.")
                    )
                    % {"name": enterprise.name},
                )
                return redirect(self.get_url_name("list"))
        return TemplateResponse(
            request,
            "stations/admin/enterprise_verify.html",
            {
                "enterprise": enterprise,
                "withdraw": withdraw,
                "page_title": _("Withdraw verification")
                if withdraw
                else _("Verify enterprise"),
                "header_icon": "group",
            },
        )


enterprise_viewset = EnterpriseViewSet()


def enterprise_listing_buttons(snippet, user, next_url=None):
    """ "Verify" or "Withdraw verification" in an enterprise's row, for staff
    who may verify it."""
    if not isinstance(snippet, Enterprise) or not user.has_perm(
        "stations.verify_enterprise"
    ):
        return []
    if not station_visible_to(user, snippet.station):
        return []
    name = "unverify" if snippet.verified else "verify"
    label = _("Withdraw verification") if snippet.verified else _("Verify")
    url = reverse(enterprise_viewset.get_url_name(name), args=[snippet.pk])
    return [Button(label, url=url, icon_name="tick", priority=5)]
