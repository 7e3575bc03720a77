"""On-site services (Art. 16): reported by the expert, confirmed by the
enterprise, verified by the station, then rewarded once."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from qa.models import NotificationEvent, Problem, ProblemStatus, SolutionKind
from qa.notifications import notify
from qa.services.attachments import MAX_ATTACHMENTS, upload_check
from servicedesk.models import OnSiteEvidence, OnSiteService, RecordStatus
from servicedesk.services.common import problem_solve, problem_unsolve, require_staff
from stations.models import User
from stations.models.rewards import RewardKind
from stations.rewards import (
    NoRewardRule,
    reward_entry_record,
    reward_entry_reverse,
)


def _tell_expert(
    service: OnSiteService, *, actor: User, subject: str, body: str
) -> None:
    """The reporting expert hears the station's decision on his record."""
    notify(
        event=NotificationEvent.ONSITE_DECIDED,
        recipients=[service.expert.user],
        key=f"{service.pk}:{service.status}",
        subject=subject,
        body=body,
        actor=actor,
        url=reverse("servicedesk:onsite_mine"),
    )


#: Problems an expert can still have helped on site (not drafts or closed ones).
REPORTABLE = (
    ProblemStatus.OPEN,
    ProblemStatus.ANSWERED,
    ProblemStatus.REFERRED,
    ProblemStatus.SOLVED,
)


@transaction.atomic
def onsite_report(
    *,
    problem: Problem,
    user: User,
    service_date: datetime.date,
    place: str,
    work_done: str,
    files: list[UploadedFile] = (),
) -> OnSiteService:
    """A verified expert reports his visit to the enterprise, with evidence."""
    if not user.is_authenticated or not user.is_verified_expert:
        raise PermissionDenied(
            _("Only verified experts of the station can report on-site services.")
        )
    if problem.status not in REPORTABLE:
        raise ValidationError(
            _("On-site services can be reported for open problems only."),
            code="status",
        )
    if service_date > timezone.localdate():
        raise ValidationError(_("The visit cannot be in the future."), code="future")
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            _("At most %(n)d evidence files.") % {"n": MAX_ATTACHMENTS},
            code="count",
        )
    service = OnSiteService(
        problem=problem,
        expert=user.expert_profile,
        service_date=service_date,
        place=place.strip(),
        work_done=work_done.strip(),
    )
    service.full_clean()
    checked = [(upload, *upload_check(upload)) for upload in files]
    service.save()
    for upload, name, content_type in checked:
        evidence = OnSiteEvidence(
            service=service,
            original_name=name,
            content_type=content_type,
            size=upload.size,
        )
        evidence.file.save(name, upload, save=False)
        evidence.save()
    with translation.override(settings.LANGUAGE_CODE):
        # The station verifies only what the enterprise confirmed: ask it.
        notify(
            event=NotificationEvent.ONSITE_REPORTED,
            recipients=[problem.enterprise.user],
            key=str(service.pk),
            subject=_("%(expert)s reported an on-site service for “%(title)s”")
            % {"expert": service.expert.real_name, "title": problem.title},
            body=_(
                "Please confirm that the visit of %(date)s at %(place)s took "
                "place, or dispute it, on your on-site services page."
            )
            % {"date": service.service_date, "place": service.place},
            problem=problem,
            actor=user,
            url=reverse("servicedesk:onsite_mine"),
        )
    return service


@transaction.atomic
def onsite_answer(
    *, service: OnSiteService, user: User, confirm: bool, reason: str = ""
) -> OnSiteService:
    """The problem's enterprise confirms the visit took place, or disputes it."""
    if service.problem.enterprise.user_id != user.pk:
        raise PermissionDenied(
            _("Only the enterprise that posted the problem can confirm the visit.")
        )
    if not confirm and not reason.strip():
        raise ValidationError(_("Please give a reason."), code="reason")
    updated = OnSiteService.objects.filter(
        pk=service.pk, status=RecordStatus.REPORTED
    ).update(
        status=RecordStatus.CONFIRMED if confirm else RecordStatus.DISPUTED,
        dispute_reason="" if confirm else reason.strip(),
        confirmed_at=timezone.now(),
    )
    if not updated:
        raise ValidationError(
            _("This on-site service has already been answered."), code="answered"
        )
    service.refresh_from_db()
    return service


@transaction.atomic
def onsite_verify(*, service: OnSiteService, actor: User) -> OnSiteService:
    """Staff verify a confirmed visit: the problem is solved on site and the
    expert gets one on-site reward at the rule in force on the visit's date."""
    problem = service.problem
    require_staff(
        user=actor,
        perm="servicedesk.change_onsiteservice",
        station=problem.enterprise.station,
    )
    service.expert.refresh_from_db()
    if service.expert.status != service.expert.Status.VERIFIED:
        raise ValidationError(
            _("The expert is not (or no longer) a verified expert."), code="expert"
        )
    now = timezone.now()
    # Conditional on the status: two clerks clicking at once verify it once.
    updated = OnSiteService.objects.filter(
        pk=service.pk, status=RecordStatus.CONFIRMED
    ).update(status=RecordStatus.VERIFIED, verified_by=actor, verified_at=now)
    if not updated:
        service.refresh_from_db()
        raise ValidationError(
            _(
                "Only services confirmed by the enterprise can be verified; "
                "this one is “%(status)s”."
            )
            % {"status": service.get_status_display()},
            code="status",
        )
    problem_solve(
        problem=problem,
        kind=SolutionKind.ON_SITE,
        actor=actor,
        note=_("Solved on site by %(expert)s on %(date)s (verified on-site service).")
        % {"expert": service.expert.real_name, "date": service.service_date},
        when=now,
    )
    try:
        entry = reward_entry_record(
            expert=service.expert,
            kind=RewardKind.ON_SITE,
            problem=problem,
            event_date=service.service_date,
        )
    except NoRewardRule as error:
        raise ValidationError(str(error), code="rule") from error
    if OnSiteService.objects.filter(reward_entry=entry).exists():
        raise ValidationError(
            _(
                "This expert has already been rewarded for an on-site service "
                "on this problem."
            ),
            code="rewarded",
        )
    OnSiteService.objects.filter(pk=service.pk).update(reward_entry=entry)
    service.refresh_from_db()
    with translation.override(settings.LANGUAGE_CODE):
        _tell_expert(
            service,
            actor=actor,
            subject=_("Your on-site service for “%(title)s” was verified")
            % {"title": problem.title},
            body=_(
                "The station verified your visit of %(date)s; it is recorded as "
                "an on-site solution."
            )
            % {"date": service.service_date},
        )
    return service


@transaction.atomic
def onsite_reject(*, service: OnSiteService, actor: User, reason: str) -> OnSiteService:
    """Staff reject a record; a verified one is revoked, its reward reversed and,
    if nothing else solved the problem on site, the problem reopened."""
    problem = service.problem
    require_staff(
        user=actor,
        perm="servicedesk.change_onsiteservice",
        station=problem.enterprise.station,
    )
    if not reason.strip():
        raise ValidationError(_("Please give a reason."), code="reason")
    service = OnSiteService.objects.select_for_update().get(pk=service.pk)
    if service.status in (RecordStatus.REJECTED, RecordStatus.REVOKED):
        raise ValidationError(
            _("This on-site service has already been rejected."), code="status"
        )
    was_verified = service.status == RecordStatus.VERIFIED
    service.status = RecordStatus.REVOKED if was_verified else RecordStatus.REJECTED
    service.staff_reason = reason.strip()
    service.verified_by = actor
    service.verified_at = timezone.now()
    service.save()
    with translation.override(settings.LANGUAGE_CODE):
        _tell_expert(
            service,
            actor=actor,
            subject=_("Your on-site service for “%(title)s” was not accepted")
            % {"title": problem.title},
            body=service.staff_reason,
        )
    if not was_verified:
        return service
    entry = service.reward_entry
    if entry is not None:
        entry.refresh_from_db()
        if entry.status not in (entry.Status.REVERSED, entry.Status.REJECTED):
            reward_entry_reverse(entry=entry, actor=actor, reason=reason)
    problem_unsolve(
        problem=problem,
        kind=SolutionKind.ON_SITE,
        actor=actor,
        reason=reason,
        still_solved=problem.onsite_services.filter(
            status=RecordStatus.VERIFIED
        ).exists(),
    )
    service.refresh_from_db()
    return service
