"""The expert vetting queue and the declined invitations in the Wagtail admin."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from experts import admin_views, selectors
from experts.models import InvitationReply


class VettingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("experts.vet_expert")


@hooks.register("register_admin_urls")
def register_vetting_urls():
    urls = [
        path("", admin_views.queue, name="queue"),
        path("<int:pk>/", admin_views.detail, name="detail"),
        path("<int:pk>/decide/", admin_views.decide, name="decide"),
    ]
    return [path("experts/vetting/", include((urls, "experts_vetting")))]


@hooks.register("register_admin_menu_item")
def register_vetting_menu_item():
    return VettingMenuItem(
        _("Expert vetting"),
        reverse("experts_vetting:queue"),
        icon_name="group",
        order=148,
    )


class DeclinedIndexView(IndexView):
    def get_base_queryset(self):
        return selectors.declined_invitations(user=self.request.user)


class InvitationReplyViewSet(ModelViewSet):
    """Invitations experts declined, with their reasons, per station."""

    model = InvitationReply
    icon = "cross"
    menu_label = _("Declined invitations")
    add_to_admin_menu = True
    menu_order = 153
    list_display = ["expert", "problem", "reason", "declined_at"]
    list_filter = ["declined_at"]
    list_export = ["expert", "problem", "reason", "declined_at"]
    form_fields = ["reason"]
    index_view_class = DeclinedIndexView


@hooks.register("register_admin_viewset")
def register_invitation_reply_viewset():
    return InvitationReplyViewSet("experts_declined")
