"""The vetting screens in the Wagtail admin (Art. 11): queue, detail, decisions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from experts import selectors
from experts.forms import VettingForm
from experts.services import vetting
from stations.models import ExpertProfile

#: applications shown per page of the queue
PAGE_SIZE = 25

#: action name in the form → (service, success message)
ACTIONS = {
    "approve": (vetting.expert_approve, _("The expert is admitted.")),
    "reject": (vetting.expert_reject, _("The application is rejected.")),
    "request_info": (
        vetting.expert_request_info,
        _("The applicant is asked for more information."),
    ),
    "suspend": (vetting.expert_suspend, _("The expert is suspended.")),
    "reinstate": (vetting.expert_reinstate, _("The expert is reinstated.")),
}


def _require_vetter(request) -> None:
    if not request.user.has_perm(vetting.VET):
        raise PermissionDenied


def _expert_or_404(request, pk: int) -> ExpertProfile:
    expert = (
        selectors.experts_visible_to(request.user)
        .select_related("user", "station")
        .filter(pk=pk)
        .first()
    )
    if expert is None:
        raise Http404
    return expert


def queue(request):
    _require_vetter(request)
    status = request.GET.get("status", ExpertProfile.Status.PENDING)
    if status not in ExpertProfile.Status.values:
        status = ExpertProfile.Status.PENDING
    page = Paginator(
        selectors.vetting_queue(user=request.user, status=status), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    for expert in page:
        expert.duplicates = selectors.duplicates_of(expert)
    return TemplateResponse(
        request,
        "experts/admin/queue.html",
        {
            "page": page,
            "status": status,
            "statuses": ExpertProfile.Status.choices,
            "page_title": _("Expert vetting"),
            "header_icon": "group",
        },
    )


def detail(request, pk: int):
    _require_vetter(request)
    expert = _expert_or_404(request, pk)
    application = getattr(expert, "application", None)
    return TemplateResponse(
        request,
        "experts/admin/detail.html",
        {
            "expert": expert,
            "application": application,
            "documents": application.documents.all() if application else [],
            "duplicates": selectors.duplicates_of(expert),
            "decisions": selectors.decisions_for(expert),
            "form": VettingForm(),
            "can_suspend": request.user.has_perm(vetting.SUSPEND),
            "page_title": _("Expert application"),
            "header_icon": "user",
        },
    )


@require_POST
def decide(request, pk: int):
    _require_vetter(request)
    expert = _expert_or_404(request, pk)
    form = VettingForm(request.POST)
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None or not form.is_valid():
        messages.error(request, _("Choose an action."))
        return redirect("experts_vetting:detail", pk=pk)
    service, success = action
    try:
        service(expert=expert, actor=request.user, reason=form.cleaned_data["reason"])
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, success)
    return redirect("experts_vetting:detail", pk=pk)
