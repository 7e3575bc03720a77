"""One page with everything the station has on one enterprise."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from servicedesk import selectors


def enterprise_overview(request, pk: int):
    """Details, problems, visits, referrals, on-site services and fair solutions."""
    if not request.user.has_perm("servicedesk.view_visit"):
        raise PermissionDenied
    enterprise = get_object_or_404(selectors.enterprises_for(request.user), pk=pk)
    context = selectors.enterprise_overview(enterprise=enterprise)
    context["page_title"] = _("Enterprise overview")
    context["page_subtitle"] = enterprise.name
    return TemplateResponse(request, "servicedesk/admin/overview.html", context)
