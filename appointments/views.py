"""Public verification of letters, the letter PDF, and the expert's own page."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.encoding import uri_to_iri
from django.views.decorators.http import require_GET

from appointments import selectors
from appointments.models import AppointmentLetter
from appointments.pdf import letter_pdf


def verify_url(request, letter: AppointmentLetter) -> str:
    """The public address that confirms this letter, readable when printed."""
    path = reverse("appointments:verify_number", args=[letter.number])
    return uri_to_iri(request.build_absolute_uri(path))


@require_GET
def verify(request, number: str | None = None):
    """Anyone checks a letter number: genuine and valid, expired, revoked or unknown."""
    raw = number if number is not None else request.GET.get("number", "")
    searched = bool(raw.strip())
    letter = selectors.letter_find(raw) if searched else None
    return render(
        request,
        "appointments/verify.html",
        {
            "searched": searched,
            "query": raw[: selectors.NUMBER_MAX_LENGTH],
            "letter": letter,
            "status": selectors.letter_status(letter) if letter else None,
        },
        status=200 if letter or not searched else 404,
    )


@require_GET
def download(request, pk: int):
    """The letter as PDF, for the appointed expert and the staff of its station."""
    letter = get_object_or_404(
        AppointmentLetter.objects.select_related("expert", "station", "previous"),
        pk=pk,
    )
    if not selectors.letter_can_download(request.user, letter):
        raise Http404  # others, signed in or not, must not learn which letters exist
    response = HttpResponse(
        letter_pdf(letter, verify_url=verify_url(request, letter)),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="letter-{letter.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def my_letters(request):
    """The expert's own letters and assessments."""
    expert = request.user.expert_or_none
    letters = list(selectors.letters_of_expert(expert))
    return render(
        request,
        "appointments/my_letters.html",
        {
            "is_expert": expert is not None,
            "letters": letters,
            "assessments": selectors.assessments_of(expert),
        },
    )
