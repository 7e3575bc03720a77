"""Public pages: the organisation directory and the on-site service records."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qa.models import Problem
from servicedesk import selectors
from servicedesk.forms import DirectoryFilterForm, DisputeForm, OnSiteReportForm
from servicedesk.models import OnSiteEvidence, OnSiteService
from servicedesk.services import onsite_answer, onsite_report

ORGANISATIONS_PER_PAGE = 20


def organisation_list(request):
    """The public directory of service organisations, by region and kind."""
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    organisations = selectors.organisations_public(
        region=filters.get("region", ""), kind=filters.get("kind", "")
    )
    page = Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "servicedesk/organisation_list.html", {"form": form, "page": page}
    )


def _refused(request, message: str, status: int = 400):
    return render(
        request, "servicedesk/refused.html", {"message": message}, status=status
    )


@login_required
def onsite_report_view(request, pk: int):
    """A verified expert reports an on-site visit for a problem, with evidence."""
    problem = get_object_or_404(Problem.objects.published(), pk=pk)
    if not request.user.is_verified_expert:
        return _refused(
            request,
            _("Only verified experts of the station can report on-site services."),
            status=403,
        )
    form = OnSiteReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            onsite_report(problem=problem, user=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request,
                _(
                    "Your on-site service has been reported; the enterprise is "
                    "asked to confirm it."
                ),
            )
            return redirect("servicedesk:onsite_mine")
    return render(
        request, "servicedesk/onsite_report.html", {"form": form, "problem": problem}
    )


@login_required
def onsite_mine(request):
    """The expert's reported visits, and the visits the enterprise has to confirm."""
    return render(
        request,
        "servicedesk/onsite_mine.html",
        {
            "reported": selectors.onsite_services_of_expert(request.user),
            "received": selectors.onsite_services_of_enterprise(request.user),
            "dispute_form": DisputeForm(),
        },
    )


@login_required
@require_POST
def onsite_answer_view(request, pk: int):
    """The enterprise confirms the visit, or disputes it with a reason."""
    service = get_object_or_404(OnSiteService.objects.select_related("problem"), pk=pk)
    confirm = request.POST.get("answer") == "confirm"
    try:
        onsite_answer(
            service=service,
            user=request.user,
            confirm=confirm,
            reason=request.POST.get("reason", ""),
        )
    except PermissionDenied as error:
        return _refused(request, str(error), status=403)
    except ValidationError as error:
        return _refused(request, " ".join(error.messages))
    messages.success(
        request,
        _("Thank you: the visit is confirmed.")
        if confirm
        else _("The station has been told that you dispute this visit."),
    )
    return redirect("servicedesk:onsite_mine")


def _may_read_evidence(user, service: OnSiteService) -> bool:
    if not user.is_authenticated:
        return False
    if (
        service.expert.user_id == user.pk
        or service.problem.enterprise.user_id == user.pk
    ):
        return True
    return (
        user.has_perm("servicedesk.view_onsiteservice")
        and selectors.onsite_services_for(user).filter(pk=service.pk).exists()
    )


def evidence_download(request, pk: int):
    """An evidence file, to the expert, the enterprise and the station's staff only."""
    evidence = get_object_or_404(
        OnSiteEvidence.objects.select_related(
            "service__expert", "service__problem__enterprise"
        ),
        pk=pk,
    )
    if not _may_read_evidence(request.user, evidence.service):
        raise Http404
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
