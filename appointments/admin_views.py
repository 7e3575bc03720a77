"""The director's screens: issue, renew and revoke letters; record assessments."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from appointments import selectors, services
from appointments.forms import AssessmentForm, IssueForm, RevokeForm
from appointments.models import Half
from stations.models import ExpertProfile

PAGE_SIZE = 25


def _error_text(error: Exception) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


def _require_perm(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied(_("Only the director can do this."))


def awaiting(request):
    """Verified experts of the director's stations who hold no letter in force."""
    _require_perm(request, services.ISSUE_PERMISSION)
    page = Paginator(
        selectors.experts_awaiting_letter(request.user), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "appointments/admin/awaiting.html",
        {
            "page": page,
            "form": IssueForm(),
            "page_title": _("Issue appointment letters"),
            "header_icon": "doc-full",
        },
    )


@require_POST
def issue(request, expert_pk: int):
    _require_perm(request, services.ISSUE_PERMISSION)
    expert = get_object_or_404(ExpertProfile, pk=expert_pk)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid start date."))
        return redirect("appointments_admin:awaiting")
    try:
        letter = services.letter_issue(
            expert=expert, actor=request.user, start=form.cleaned_data["start"]
        )
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, _error_text(error))
        return redirect("appointments_admin:awaiting")
    messages.success(
        request, _("Letter %(number)s issued.") % {"number": letter.number}
    )
    return redirect("appointments_admin:letter", letter.pk)


def letter(request, pk: int):
    """One letter with its chain, the PDF, and the director's renew and revoke."""
    if not (
        request.user.has_perm("appointments.view_appointmentletter")
        or request.user.has_perm(services.ISSUE_PERMISSION)
    ):
        raise PermissionDenied
    letter = get_object_or_404(selectors.letters_for_staff(request.user), pk=pk)
    return TemplateResponse(
        request,
        "appointments/admin/letter.html",
        {
            "letter": letter,
            "status": selectors.letter_status(letter),
            "may_issue": request.user.has_perm(services.ISSUE_PERMISSION),
            "revoke_form": RevokeForm(),
            "page_title": letter.number,
            "header_icon": "doc-full",
        },
    )


@require_POST
def renew(request, pk: int):
    _require_perm(request, services.ISSUE_PERMISSION)
    letter = get_object_or_404(selectors.letters_for_staff(request.user), pk=pk)
    try:
        renewal = services.letter_renew(letter=letter, actor=request.user)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, _error_text(error))
        return redirect("appointments_admin:letter", letter.pk)
    messages.success(
        request, _("Letter renewed as %(number)s.") % {"number": renewal.number}
    )
    return redirect("appointments_admin:letter", renewal.pk)


@require_POST
def revoke(request, pk: int):
    _require_perm(request, services.ISSUE_PERMISSION)
    letter = get_object_or_404(selectors.letters_for_staff(request.user), pk=pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for revoking the letter."))
        return redirect("appointments_admin:letter", letter.pk)
    try:
        services.letter_revoke(
            letter=letter, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Letter revoked."))
    return redirect("appointments_admin:letter", letter.pk)


def _period(form: AssessmentForm) -> tuple[int, str]:
    """The half-year the form is about, for the statistics beside it."""
    if not form.is_bound:
        return form.initial["year"], form.initial["half"]
    today = timezone.localdate()
    data = getattr(form, "cleaned_data", {})
    return (
        data.get("year") or today.year,
        data.get("half") or (Half.FIRST if today.month <= 6 else Half.SECOND),
    )


def assess(request):
    """The director records one expert's assessment for a half-year."""
    _require_perm(request, services.ASSESS_PERMISSION)
    experts = selectors.experts_assessable(request.user)
    form = AssessmentForm(request.POST or None, experts=experts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assessment_record(actor=request.user, **data)
        except (PermissionDenied, ValidationError) as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Assessment recorded."))
            return redirect("appointments_assessment:index")
    year, half = _period(form)
    return TemplateResponse(
        request,
        "appointments/admin/assess.html",
        {
            "form": form,
            "period": f"{year} {Half(half).label}",
            "suggestions": selectors.suggested_scores(
                request.user, year=year, half=half
            ),
            "page_title": _("Record an assessment"),
            "header_icon": "success",
        },
    )
