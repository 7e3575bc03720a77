"""The visitor log in the admin: record, search, filter, export; visit → problem."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.menus import MenuItem
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from servicedesk import selectors
from servicedesk.admin.scoping import scoped_views
from servicedesk.models import Visit, VisitChannel
from servicedesk.services import visit_to_problem
from stations.models import Station
from stations.scoping import visible_stations


class VisitForm(WagtailAdminModelForm):
    """Stations and enterprises limited to the clerk's own; he is the one handling."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None:
            self.fields["station"].queryset = visible_stations(user)
            self.fields["enterprise"].queryset = selectors.enterprises_for(user)

    def clean(self):
        cleaned = super().clean()
        # The admin saves the instance itself: the clerk is set before it does.
        if not self.instance.handled_by_id:
            self.instance.handled_by = self.for_user
        return cleaned


def _stations(request):
    if request is None:
        return Station.objects.none()
    return visible_stations(request.user)


class VisitFilterSet(WagtailFilterSet):
    visited_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Date"), widget=DateRangePickerWidget
    )
    channel = django_filters.ChoiceFilter(
        label=gettext_lazy("Channel"), choices=VisitChannel.choices
    )
    station = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Station"), queryset=_stations
    )
    follow_up_needed = django_filters.BooleanFilter(
        label=gettext_lazy("Follow-up needed")
    )
    follow_up_done = django_filters.BooleanFilter(label=gettext_lazy("Follow-up done"))
    is_policy_question = django_filters.BooleanFilter(
        label=gettext_lazy("Policy question")
    )

    class Meta:
        model = Visit
        fields = []


class VisitIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not instance.problem_id:
            buttons.append(
                MenuItem(
                    _("Create a problem from this visit"),
                    url=reverse(
                        "servicedesk_admin:visit_to_problem", args=[instance.pk]
                    ),
                    icon_name="help",
                    priority=40,
                )
            )
        return buttons


class VisitViewSet(SnippetViewSet):
    model = Visit
    icon = "group"
    menu_label = gettext_lazy("Visitor log")
    index_view_class = VisitIndexView
    filterset_class = VisitFilterSet
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class, delete_view_class, inspect_view_class = scoped_views(
        selectors.visits_for
    )
    list_per_page = 50
    list_display = [
        "visited_at",
        "get_channel_display",
        "visitor_name",
        "organisation",
        "topic",
        "station",
        "follow_up_needed",
        "follow_up_done",
        "problem",
    ]
    list_export = [
        "pk",
        "visited_at",
        "station",
        "get_channel_display",
        "visitor_name",
        "organisation",
        "contact",
        "enterprise",
        "topic",
        "question",
        "is_policy_question",
        "reply",
        "handled_by",
        "follow_up_needed",
        "follow_up_note",
        "follow_up_done",
        "problem",
    ]
    export_headings = {
        "pk": gettext_lazy("Number"),
        "get_channel_display": gettext_lazy("Channel"),
    }
    export_filename = "visitor-log"
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("station"), FieldPanel("visited_at")]),
            FieldPanel("channel"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("visitor_name"), FieldPanel("contact")]),
                    FieldPanel("organisation"),
                    FieldPanel("enterprise"),
                ],
                heading=gettext_lazy("Visitor"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("topic"),
                    FieldPanel("question"),
                    FieldPanel("is_policy_question"),
                    FieldPanel("reply"),
                ],
                heading=gettext_lazy("Question and reply"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("follow_up_needed"),
                    FieldPanel("follow_up_note"),
                    FieldPanel("follow_up_done"),
                ],
                heading=gettext_lazy("Follow-up of the visit"),
            ),
        ],
        base_form_class=VisitForm,
    )

    def get_queryset(self, request):
        return selectors.visits_for(request.user).select_related("station", "problem")


class TagsForm(forms.Form):
    tags = forms.CharField(
        label=gettext_lazy("Tags"),
        required=False,
        help_text=gettext_lazy("Separated by commas, e.g. 污水处理, 玉米深加工."),
    )


def visit_to_problem_view(request, pk: int):
    """Confirm, then post the visit's question as its enterprise's problem."""
    if not request.user.has_perm("servicedesk.change_visit"):
        raise PermissionDenied
    visit = get_object_or_404(selectors.visits_for(request.user), pk=pk)
    form = TagsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        tags = [t.strip() for t in form.cleaned_data["tags"].split(",") if t.strip()]
        try:
            problem = visit_to_problem(visit=visit, actor=request.user, tags=tags)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The problem “%(title)s” has been posted for %(enterprise)s.")
                % {"title": problem.title, "enterprise": problem.enterprise.name},
            )
            return redirect(Visit.snippet_viewset.get_url_name("list"))
    return TemplateResponse(
        request,
        "servicedesk/admin/form.html",
        {
            "page_title": _("Create a problem from this visit"),
            "intro": str(visit),
            "form": form,
            "submit_label": _("Create the problem"),
        },
    )
