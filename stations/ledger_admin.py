"""The reward ledger and rules in the Wagtail admin (Art. 15–18, 21).

Ledger lines are never typed by hand: the ledger's permission policy refuses add,
change and delete to everyone, superusers included; lines move only through the
services in stations/rewards.py, in bulk from the listing.
"""

import django_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from stations import rewards
from stations.admin_scoping import scoped_views
from stations.models import ExpertProfile, RewardEntry, RewardKind, RewardRule
from stations.scoping import scope_to_stations, station_visible_to, visible_stations
from stations.transparency import FIRST_YEAR


class ReadOnlyLedgerPolicy(ModelPermissionPolicy):
    """Nobody adds, edits or deletes ledger lines in the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "copy"):
            return False
        return super().user_has_permission(user, action)


def _years():
    return [(y, y) for y in range(timezone.localdate().year, FIRST_YEAR - 1, -1)]


class LedgerFilterSet(WagtailFilterSet):
    year = django_filters.TypedChoiceFilter(
        label=_("Year"),
        choices=_years,
        coerce=int,
        field_name="event_date__year",
    )
    month = django_filters.TypedChoiceFilter(
        label=_("Month"),
        choices=[(m, m) for m in range(1, 13)],
        coerce=int,
        field_name="event_date__month",
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=RewardKind.choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=RewardEntry.Status.choices
    )
    expert = django_filters.ModelChoiceFilter(
        label=_("Expert"),
        queryset=lambda request: scope_to_stations(
            ExpertProfile.objects.all(), request.user, "station"
        ),
    )
    station = django_filters.ModelChoiceFilter(
        label=_("Station"),
        field_name="expert__station",
        queryset=lambda request: visible_stations(request.user),
    )

    class Meta:
        model = RewardEntry
        fields = []


class LedgerIndexView(IndexView):
    """The ledger listing with the totals of what the filters select."""

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = (
            self.object_list.order_by()
            .values("status")
            .annotate(count=Count("pk"), total=Sum("amount"))
        )
        labels = dict(RewardEntry.Status.choices)
        context["ledger_totals"] = [
            {"label": labels[row["status"]], **row} for row in rows
        ]
        return context


class RewardEntryViewSet(SnippetViewSet):
    model = RewardEntry
    icon = "doc-full-inverse"
    menu_label = _("Reward ledger")
    index_view_class = LedgerIndexView
    index_results_template_name = "stations/admin/ledger_results.html"
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = LedgerFilterSet
    list_display = ["__str__", "event_date", "kind", "amount", "status", "problem"]
    list_per_page = 50
    list_export = [
        "pk",
        "event_date",
        "expert.real_name",
        "expert.organisation",
        "get_kind_display",
        "amount",
        "problem",
        "year",
        "get_status_display",
        "decided_by",
        "decided_at",
        "paid_by",
        "paid_at",
        "reversed_at",
        "reversal_reason",
        "rejection_reason",
    ]
    export_headings = {
        "pk": _("Number"),
        "event_date": _("Event date"),
        "expert.real_name": _("Expert"),
        "expert.organisation": _("Organisation"),
        "get_kind_display": _("Kind"),
        "amount": _("Amount (yuan)"),
        "problem": _("Problem"),
        "year": _("Year"),
        "get_status_display": _("Status"),
    }
    export_filename = "reward-ledger"
    inspect_view_class = scoped_views("expert__station")["inspect_view_class"]

    def get_queryset(self, request):
        """Each station's staff see the ledger lines of their team's experts."""
        return scope_to_stations(
            RewardEntry.objects.select_related("expert", "problem"),
            request.user,
            "expert__station",
        )


class RewardRuleViewSet(SnippetViewSet):
    model = RewardRule
    icon = "tag"
    menu_label = _("Reward rules")
    list_display = ["kind", "amount", "effective_from", "effective_to"]
    list_filter = ["kind"]
    copy_view_enabled = False


class _LedgerBulkAction(SnippetBulkAction):
    """A status move for the selected lines, through the ledger services."""

    template_name = "stations/admin/ledger_bulk_confirm.html"
    #: the status the lines must be in for this move
    from_status: str = ""
    #: the permission the move needs
    permission: str = ""

    @classproperty
    def models(cls):
        return [RewardEntry]

    def check_perm(self, entry):
        return (
            self.request.user.has_perm(self.permission)
            and entry.status == self.from_status
            and station_visible_to(self.request.user, entry.expert.station)
        )

    def get_execution_context(self):
        return {"user": self.request.user, "request": self.request}

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (PermissionDenied, ValidationError) as error:
            message = getattr(error, "messages", None) or [str(error)]
            messages.error(self.request, " ".join(message))
            return redirect(self.next_url)


class ApproveBulkAction(_LedgerBulkAction):
    display_name = _("Approve")
    action_type = "approve_reward"
    aria_label = _("Approve the selected reward entries")
    from_status = RewardEntry.Status.PENDING
    permission = "stations.approve_rewardentry"

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return len(rewards.reward_entries_approve(entries=objects, actor=user)), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d reward entry approved.",
            "%(count)d reward entries approved.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class MarkPaidBulkAction(_LedgerBulkAction):
    display_name = _("Mark paid")
    action_type = "pay_reward"
    aria_label = _("Mark the selected reward entries paid")
    from_status = RewardEntry.Status.APPROVED
    permission = "stations.pay_rewardentry"

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return len(rewards.reward_entries_mark_paid(entries=objects, actor=user)), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d reward entry marked paid.",
            "%(count)d reward entries marked paid.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
