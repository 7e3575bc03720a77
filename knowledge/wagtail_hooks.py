"""Wagtail admin: the exportable registration lists of events."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from knowledge.models import EventRegistration


class EventRegistrationViewSet(ModelViewSet):
    """Who registered for which event; filterable and exportable (CSV/XLSX)."""

    model = EventRegistration
    icon = "group"
    menu_label = _("Event registrations")
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = [
        "event",
        "organisation",
        "contact_name",
        "phone",
        "role",
        "created_at",
    ]
    list_filter = ["event", "role"]
    search_fields = ["organisation", "contact_name", "phone"]
    list_export = [
        "event",
        "get_role_display",
        "organisation",
        "contact_name",
        "phone",
        "user",
        "note",
        "registered_at",
    ]
    export_headings = {
        "get_role_display": _("registered as"),
        "user": _("account"),
        "registered_at": _("registered at"),
    }
    export_filename = "event-registrations"
    form_fields = [
        "event",
        "user",
        "role",
        "organisation",
        "contact_name",
        "phone",
        "note",
    ]


@hooks.register("register_admin_viewset")
def register_event_registrations():
    return EventRegistrationViewSet("event_registrations")
