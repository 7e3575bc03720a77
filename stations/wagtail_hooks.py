"""The station's admin screens: stations, enterprises, reward ledger and rules,
reports, excellent experts."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from stations import stats_admin
from stations.ledger_admin import (
    ApproveBulkAction,
    MarkPaidBulkAction,
    ReadOnlyLedgerPolicy,
    RewardEntryViewSet,
    RewardRuleViewSet,
)
from stations.models import RewardEntry, Station
from stations.people_admin import (
    StationPolicy,
    StationViewSet,
    enterprise_listing_buttons,
    enterprise_viewset,
)

register_permission_policy(RewardEntry, ReadOnlyLedgerPolicy(RewardEntry))
register_permission_policy(Station, StationPolicy(Station))
register_snippet(RewardEntryViewSet)
register_snippet(RewardRuleViewSet)
register_snippet(StationViewSet)
register_snippet(enterprise_viewset)
hooks.register("register_snippet_listing_buttons", enterprise_listing_buttons)
hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", MarkPaidBulkAction)


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_urls")
def register_stats_urls():
    report_urls = [
        path("", stats_admin.report_index, name="index"),
        path("<int:pk>/", stats_admin.report_detail, name="detail"),
        path("<int:pk>/export/<str:fmt>/", stats_admin.report_export, name="export"),
    ]
    excellent_urls = [
        path("", stats_admin.excellent_index, name="index"),
        path("exclude/", stats_admin.excellent_exclude, name="exclude"),
        path("approve/", stats_admin.excellent_approve, name="approve"),
    ]
    return [
        path("reports/stats/", include((report_urls, "stations_reports"))),
        path("excellent/", include((excellent_urls, "stations_excellent"))),
    ]


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return PermissionMenuItem(
        _("Statistics reports"),
        reverse("stations_reports:index"),
        icon_name="table",
        order=160,
        permission="stations.view_statsreport",
    )


@hooks.register("register_admin_menu_item")
def register_excellent_menu_item():
    return PermissionMenuItem(
        _("Excellent experts"),
        reverse("stations_excellent:index"),
        icon_name="pick",
        order=170,
        permission="stations.view_rewardentry",
    )
