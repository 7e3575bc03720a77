from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from qa import admin_views
from qa.models import Delivery


class ScreeningMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("qa.screen_answer")


@hooks.register("register_admin_urls")
def register_screening_urls():
    urls = [
        path("", admin_views.screening_queue, name="queue"),
        path("<int:pk>/", admin_views.screening_decide, name="decide"),
        path("bulk/", admin_views.screening_bulk, name="bulk"),
    ]
    check_urls = [
        path("", admin_views.check_queue, name="queue"),
        path("<int:pk>/", admin_views.check_decide, name="decide"),
    ]
    unanswered_urls = [
        path("", admin_views.unanswered_queue, name="queue"),
        path("<int:pk>/invite/", admin_views.invite, name="invite"),
    ]
    return [
        path("unanswered/", include((unanswered_urls, "qa_unanswered"))),
        path("screening/", include((urls, "qa_screening"))),
        path("problem-check/", include((check_urls, "qa_check"))),
    ]


@hooks.register("register_admin_menu_item")
def register_screening_menu_item():
    return ScreeningMenuItem(
        _("Screening queue"),
        reverse("qa_screening:queue"),
        icon_name="tasks",
        order=150,
    )


@hooks.register("register_admin_menu_item")
def register_check_menu_item():
    return ScreeningMenuItem(
        _("Problems to check"),
        reverse("qa_check:queue"),
        icon_name="help",
        order=149,
    )


@hooks.register("register_admin_menu_item")
def register_unanswered_menu_item():
    return ScreeningMenuItem(
        _("Unanswered problems"),
        reverse("qa_unanswered:queue"),
        icon_name="time",
        order=151,
    )


class DeliveryViewSet(ModelViewSet):
    """Every notification delivery with its outcome, for following up failures."""

    model = Delivery
    icon = "mail"
    menu_label = _("Notification deliveries")
    add_to_admin_menu = True
    menu_order = 152
    list_display = ["notification", "channel", "status", "attempts", "sent_at"]
    list_filter = ["status", "channel", "digest"]
    list_export = ["notification", "channel", "status", "attempts", "last_error"]
    form_fields = ["status"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_delivery_viewset():
    return DeliveryViewSet("qa_deliveries")
