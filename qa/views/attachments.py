"""Uploading problem attachments and sending them, to allowed readers only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qa import selectors
from qa.models import Problem, ProblemAttachment
from qa.services.attachments import attachment_add


@login_required
@require_POST
def attachment_upload(request, pk: int):
    problem = get_object_or_404(Problem, pk=pk)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ValidationError(_("Choose a file to attach."))
        attachment_add(problem=problem, user=request.user, upload=upload)
    except ValidationError as error:
        return render(
            request,
            "qa/refused.html",
            {"problem": problem, "message": " ".join(error.messages)},
            status=400,
        )
    messages.success(request, _("The file has been attached."))
    return redirect(problem)


def attachment_download(request, pk: int):
    attachment = get_object_or_404(
        ProblemAttachment.objects.select_related("problem__enterprise"), pk=pk
    )
    if not selectors.problem_visible_to(problem=attachment.problem, user=request.user):
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
