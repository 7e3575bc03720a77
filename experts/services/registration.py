"""An expert's application (Art. 6): account, profile, consent and documents."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from experts.models import (
    ApplicationDocument,
    ExpertApplication,
    VettingAction,
    VettingDecision,
)
from qa.notifications import preference_set
from qa.services.attachments import ALLOWED_TYPES, upload_check
from stations.models import ExpertProfile, Station, User
from stations.services import expert_register

#: the published rules an applicant agrees to; a new text gets a new version
CONSENT_VERSION = "2014-01-01"
CONSENT_TEXT = gettext_lazy(
    "I confirm that the information I give is true and valid (Art. 6). I will "
    "answer enterprises' problems conscientiously and item by item (Art. 8, 10); "
    "the station verifies and screens my answers before they are published "
    "(Art. 14), and the station's administrators vet the expert roster (Art. 11). "
    "All services of the station are public-interest and free of charge."
)
#: supporting documents: PDF or a photo/scan, checked by content like problem files
DOCUMENT_TYPES = {s: ALLOWED_TYPES[s] for s in (".pdf", ".jpg", ".jpeg", ".png")}
DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
MAX_DOCUMENTS = 5


def consent_text() -> str:
    """The consent text in the site language, as stored with the application."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(CONSENT_TEXT)


def _checked_document(upload: UploadedFile) -> tuple[str, str]:
    """The clean file name and the content type, or a ValidationError."""
    return upload_check(
        upload,
        allowed_types=DOCUMENT_TYPES,
        max_bytes=DOCUMENT_MAX_BYTES,
        type_error=_("Supporting documents must be PDF, JPG or PNG files."),
    )


def _document_save(
    application: ExpertApplication, upload: UploadedFile
) -> ApplicationDocument:
    if application.documents.count() >= MAX_DOCUMENTS:
        raise ValidationError(
            _("At most %(n)d documents per application.") % {"n": MAX_DOCUMENTS},
            code="count",
        )
    name, content_type = _checked_document(upload)
    document = ApplicationDocument(
        application=application,
        original_name=name,
        content_type=content_type,
        size=upload.size,
    )
    document.file.save(name, upload, save=False)
    document.save()
    return document


@transaction.atomic
def expert_apply(
    *,
    username: str,
    password: str,
    real_name: str,
    organisation: str,
    organisation_type: str,
    phone: str,
    email: str,
    consent: bool,
    documents: list[UploadedFile],
    channels: list[str],
    frequency: str,
    department: str = "",
    title: str = "",
    expertise: list[str] | None = None,
    industries: list[str] | None = None,
    biography: str = "",
    station: Station | None = None,
) -> ExpertProfile:
    """An expert applies (Art. 6): all of it is saved, or nothing; the profile
    stays pending until the station vets it (Art. 11)."""
    if not consent:
        raise ValidationError(_("You must agree to the station's rules."))
    if not documents:
        raise ValidationError(_("Attach at least one supporting document."))
    for upload in documents:
        _checked_document(upload)  # refuse before anything is written
    expert = expert_register(
        username=username,
        password=password,
        real_name=real_name.strip(),
        organisation=organisation.strip(),
        organisation_type=organisation_type,
        phone=phone,
        email=email,
        department=department.strip(),
        title=title.strip(),
        expertise=expertise or [],
        industries=industries or [],
        biography=biography.strip(),
    )
    if station is not None:
        expert.station = station
        expert.save(update_fields=["station"])
    preference_set(user=expert.user, channels=channels, frequency=frequency)
    _application_create(expert=expert, documents=documents)
    return expert


def _application_create(
    *, expert: ExpertProfile, documents: list[UploadedFile]
) -> ExpertApplication:
    application = ExpertApplication(
        expert=expert,
        consent_version=CONSENT_VERSION,
        consent_text=consent_text(),
        consented_at=timezone.now(),
    )
    application.full_clean()
    application.save()
    for upload in documents:
        _document_save(application, upload)
    return application


@transaction.atomic
def application_submit(
    *,
    expert: ExpertProfile,
    user: User,
    consent: bool,
    documents: list[UploadedFile],
) -> ExpertApplication:
    """A pending expert whose account was made without an application (before
    online applications) files the consent and documents himself."""
    if expert.user_id != user.pk:
        raise PermissionDenied(_("Only the applicant can update an application."))
    if expert.status != ExpertProfile.Status.PENDING:
        raise ValidationError(_("Only pending applications take documents."))
    if ExpertApplication.objects.filter(expert=expert).exists():
        raise ValidationError(_("The application has already been submitted."))
    if not consent:
        raise ValidationError(_("You must agree to the station's rules."))
    if not documents:
        raise ValidationError(_("Attach at least one supporting document."))
    return _application_create(expert=expert, documents=documents)


@transaction.atomic
def application_update(
    *,
    expert: ExpertProfile,
    user: User,
    organisation: str,
    organisation_type: str,
    department: str,
    title: str,
    biography: str,
    expertise: list[str],
    industries: list[str],
    documents: list[UploadedFile],
    note: str = "",
) -> ExpertApplication:
    """The applicant answers a request for more information: updated details and
    documents return the application to the vetting queue."""
    if expert.user_id != user.pk:
        raise PermissionDenied(_("Only the applicant can update an application."))
    application = ExpertApplication.objects.select_for_update().get(expert=expert)
    if expert.status != ExpertProfile.Status.PENDING or not application.info_requested:
        raise ValidationError(_("The station has not asked for more information."))
    expert.organisation = organisation.strip()
    expert.organisation_type = organisation_type
    expert.department = department.strip()
    expert.title = title.strip()
    expert.biography = biography.strip()
    expert.industries = industries
    expert.full_clean()
    expert.save()
    expert.expertise.set(expertise)
    for upload in documents:
        _document_save(application, upload)
    application.info_requested = False
    application.save()
    VettingDecision.objects.create(
        expert=expert, action=VettingAction.RESUBMITTED, reason=note, actor=user
    )
    return application
