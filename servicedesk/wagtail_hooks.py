"""The service desk's admin screens, under one menu."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from servicedesk.admin import overview, records, referrals, visits
from servicedesk.admin.scoping import ReadOnlyPolicy
from servicedesk.models import FairSolution, OnSiteService, Referral
from stations.models import Enterprise

# Referrals, on-site services and fair solutions change only through the
# services (which move the problem and the ledger), never by an edit form.
for _model in (Referral, OnSiteService, FairSolution):
    register_permission_policy(_model, ReadOnlyPolicy(_model))


class ServiceDeskGroup(SnippetViewSetGroup):
    menu_label = _("Service desk")
    menu_icon = "group"
    menu_order = 150
    items = (
        visits.VisitViewSet,
        referrals.ServiceOrganisationViewSet,
        referrals.ReferralViewSet,
        records.OnSiteServiceViewSet,
        records.FairSolutionViewSet,
    )


register_snippet(ServiceDeskGroup)


@hooks.register("register_admin_urls")
def register_servicedesk_urls():
    urls = [
        path(
            "visits/<int:pk>/to-problem/",
            visits.visit_to_problem_view,
            name="visit_to_problem",
        ),
        path("referrals/add/", referrals.referral_add, name="referral_add"),
        path(
            "referrals/<int:pk>/answer/",
            referrals.referral_move_view,
            name="referral_move",
        ),
        path("on-site/<int:pk>/decide/", records.onsite_decide, name="onsite_decide"),
        path("fairs/add/", records.fair_add, name="fair_add"),
        path("fairs/<int:pk>/decide/", records.fair_decide, name="fair_decide"),
        path(
            "enterprises/<int:pk>/overview/",
            overview.enterprise_overview,
            name="enterprise_overview",
        ),
    ]
    return [path("servicedesk/", include((urls, "servicedesk_admin")))]


@hooks.register("register_snippet_listing_buttons")
def enterprise_overview_button(snippet, user, next_url=None):
    """A link from the enterprise list to the enterprise's one-page overview."""
    if not isinstance(snippet, Enterprise) or not user.has_perm(
        "servicedesk.view_visit"
    ):
        return []
    return [
        MenuItem(
            _("Enterprise overview"),
            url=reverse("servicedesk_admin:enterprise_overview", args=[snippet.pk]),
            icon_name="doc-full",
            priority=60,
        )
    ]
