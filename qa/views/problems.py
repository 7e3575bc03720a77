"""Web views on problems: lists, tag pages, detail, posting, editing, status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from taggit.models import Tag

from ops.ratelimits import limited
from ops.submissions import form_key, submit_once
from qa import selectors, services
from qa.forms import AcceptForm, MessageForm, ProblemForm, ProblemUpdateForm, StatusForm
from qa.models import PUBLIC_STATUSES, Problem, ProblemStatus
from qa.services.messages import conversation_allowed
from qa.tags import tag_slug_for
from stations.choices import Industry

#: problems per page in the list
PAGE_SIZE = 20
#: the answer to a form sent twice (double click, reload, second tab)
ALREADY_SENT = gettext_lazy(
    "This was already sent and has been saved once; here it is."
)
#: labels of the status buttons, by target status
MOVE_LABELS = {
    ProblemStatus.SUBMITTED: gettext_lazy("Submit for checking"),
    ProblemStatus.DRAFT: gettext_lazy("Back to draft"),
    ProblemStatus.OPEN: gettext_lazy("Open / reopen"),
    ProblemStatus.CLOSED: gettext_lazy("Close"),
}


class KnownCountPaginator(Paginator):
    """A paginator told the number of items instead of counting them."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count


def _list_context(request, *, tag: str | None) -> dict:
    status = request.GET.get("status") or None
    industry = request.GET.get("industry") or None
    filters = {"tag": tag, "status": status, "industry": industry, "user": request.user}
    page = KnownCountPaginator(
        selectors.problem_list_public(**filters),
        PAGE_SIZE,
        count=selectors.problem_list_count(**filters),
    ).get_page(request.GET.get("page"))
    return {
        "page": page,
        "tags": selectors.tags_in_use(),
        "statuses": [(s, ProblemStatus(s).label) for s in PUBLIC_STATUSES],
        "industries": Industry.choices,
        "current": {"tag": tag, "status": status, "industry": industry},
    }


def problem_list(request):
    named = request.GET.get("tag") or None
    # A tag's name works as well as its slug (?tag=PLC for the tag plc).
    context = _list_context(request, tag=named and (tag_slug_for(named) or named))
    return render(request, "qa/problem_list.html", context)


def tag_detail(request, slug: str):
    tag = get_object_or_404(Tag, slug=slug)
    context = _list_context(request, tag=tag.slug)
    context["tag"] = tag
    return render(request, "qa/problem_list.html", context)


def problem_detail(request, pk: int):
    problem = get_object_or_404(
        Problem.objects.select_related("enterprise", "accepted_answer"), pk=pk
    )
    user = request.user
    if not selectors.problem_visible_to(problem=problem, user=user):
        raise Http404
    is_owner = user.is_authenticated and problem.enterprise.user_id == user.pk
    moves = services.problem_moves_for(problem=problem, user=user)
    return render(
        request,
        "qa/problem_detail.html",
        {
            "problem": problem,
            "threads": selectors.answer_thread_for(problem=problem, user=user),
            "timeline": selectors.problem_timeline(problem=problem),
            "updates": problem.updates.all(),
            "is_owner": is_owner,
            "can_screen": user.has_perm("qa.screen_answer"),
            "can_message": is_owner
            or (
                user.is_authenticated
                and conversation_allowed(problem=problem, expert=user)
            ),
            "moves": [(m, MOVE_LABELS[m]) for m in moves],
            "can_answer": user.is_authenticated
            and user.is_verified_expert
            and problem.status in (ProblemStatus.OPEN, ProblemStatus.ANSWERED),
            "answer_form": MessageForm(),
            "accept_form": AcceptForm(),
        },
    )


def _enterprise_of(request):
    enterprise = request.user.enterprise_or_none
    if enterprise is None:
        raise PermissionDenied(_("Only registered enterprises can post problems."))
    return enterprise


def _problem_fields(data: dict) -> dict:
    return {
        "title": data["title"],
        "description": data["description"],
        "industry": data["industry"],
        "region": data["region"],
        "urgency": data["urgency"],
        "contact_channels": list(data["contact_channels"]),
        "visibility": data["visibility"],
    }


@login_required
@limited("problem")
def problem_create(request):
    enterprise = _enterprise_of(request)
    form = ProblemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        draft = "save_draft" in request.POST
        try:
            problem, fresh = submit_once(
                user=request.user,
                action="problem",
                key=form_key(request),
                write=lambda: services.problem_create(
                    enterprise=enterprise,
                    tags=form.cleaned_data["tags"],
                    submit=not draft,
                    **_problem_fields(form.cleaned_data),
                ),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not fresh:
                messages.info(request, ALREADY_SENT)
            elif draft:
                messages.success(request, _("Your draft has been saved."))
            else:
                messages.success(
                    request,
                    _(
                        "Your problem has been submitted. The station checks it "
                        "shortly, then experts can answer."
                    ),
                )
            return redirect(problem)
    return render(request, "qa/problem_form.html", {"form": form})


@login_required
def problem_edit(request, pk: int):
    """Edit while unanswered; afterwards the same page adds an update."""
    problem = get_object_or_404(Problem, pk=pk)
    if problem.enterprise.user_id != request.user.pk:
        raise PermissionDenied(_("Only the enterprise that posted it can edit."))
    if problem.is_editable:
        form = ProblemForm(request.POST or None, instance=problem)
    else:
        form = ProblemUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if problem.is_editable:
                services.problem_edit(
                    problem=problem,
                    user=request.user,
                    tags=data["tags"],
                    **_problem_fields(data),
                )
            else:
                services.problem_add_update(
                    problem=problem, user=request.user, text=data["text"]
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(problem)
    return render(request, "qa/problem_form.html", {"form": form, "problem": problem})


@login_required
@require_POST
def problem_status(request, pk: int):
    problem = get_object_or_404(Problem, pk=pk)
    if not selectors.problem_visible_to(problem=problem, user=request.user):
        raise Http404
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the problem."))
        return redirect(problem)
    data = form.cleaned_data
    try:
        services.problem_change_status(
            problem=problem,
            user=request.user,
            to_status=data["to_status"],
            note=data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The problem's status has been changed."))
    return redirect(problem)


@require_GET
def similar_problems(request):
    """Solved problems like the title being typed, for the posting form."""
    found = selectors.similar_solved_problems(title=request.GET.get("title", "")[:120])
    return JsonResponse(
        {"results": [{"title": p.title, "url": p.get_absolute_url()} for p in found]}
    )
