"""Vetting the expert roster (Art. 11): the one place that decides an expert's
status. Clerks and the director approve, reject or ask for more information;
only the director suspends and reinstates."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from experts.models import ExpertApplication, VettingAction, VettingDecision
from experts.selectors import can_act_on
from qa.models import NotificationEvent
from qa.notifications import notify
from stations.models import ExpertProfile, User

Status = ExpertProfile.Status

VET = "experts.vet_expert"
SUSPEND = "experts.suspend_expert"


def _authorise(*, actor: User, expert: ExpertProfile, permission: str) -> None:
    if not actor.has_perm(permission):
        if permission == SUSPEND:
            raise PermissionDenied(
                _("Only the station director can suspend or reinstate experts.")
            )
        raise PermissionDenied(_("Only station staff can vet experts."))
    if not can_act_on(user=actor, expert=expert):
        raise PermissionDenied(_("This expert belongs to another station."))


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason."), code="reason")
    return reason


def _require_status(expert: ExpertProfile, *allowed: str) -> None:
    if expert.status not in allowed:
        raise ValidationError(
            _("Not possible: the expert's status is “%(status)s”.")
            % {"status": expert.get_status_display()},
            code="status",
        )


def _decide(
    *,
    expert: ExpertProfile,
    actor: User,
    action: str,
    reason: str,
    status: str | None,
    subject: str,
) -> VettingDecision:
    if status is not None:
        expert.status = status
        expert.save(update_fields=["status"])
    decision = VettingDecision(expert=expert, action=action, reason=reason, actor=actor)
    decision.full_clean()
    decision.save()
    with translation.override(settings.LANGUAGE_CODE):
        # By the applicant's chosen channels, linking his application page; a
        # failing mail server is recorded on the delivery and retried, never
        # undoing the decision.
        notify(
            event=NotificationEvent.VETTING_DECISION,
            recipients=[expert.user],
            key=str(decision.pk),
            subject=subject,
            body=reason or _("See your application for details."),
            actor=actor,
            url=reverse("experts:application"),
        )
    return decision


def _locked(expert: ExpertProfile) -> ExpertProfile:
    # Two staff deciding at once must not both act on the same status.
    return ExpertProfile.objects.select_for_update().get(pk=expert.pk)


@transaction.atomic
def expert_approve(
    *, expert: ExpertProfile, actor: User, reason: str = ""
) -> VettingDecision:
    """Admit a pending applicant to the roster (Art. 11)."""
    _authorise(actor=actor, expert=expert, permission=VET)
    expert = _locked(expert)
    _require_status(expert, Status.PENDING)
    ExpertApplication.objects.filter(expert=expert).update(info_requested=False)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("You are admitted to the expert team")
    return _decide(
        expert=expert,
        actor=actor,
        action=VettingAction.APPROVED,
        reason=(reason or "").strip(),
        status=Status.VERIFIED,
        subject=subject,
    )


@transaction.atomic
def expert_reject(
    *, expert: ExpertProfile, actor: User, reason: str
) -> VettingDecision:
    """Turn down a pending application; the applicant is told why."""
    _authorise(actor=actor, expert=expert, permission=VET)
    reason = _require_reason(reason)
    expert = _locked(expert)
    _require_status(expert, Status.PENDING)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your expert application was not approved")
    return _decide(
        expert=expert,
        actor=actor,
        action=VettingAction.REJECTED,
        reason=reason,
        status=Status.REJECTED,
        subject=subject,
    )


@transaction.atomic
def expert_request_info(
    *, expert: ExpertProfile, actor: User, reason: str
) -> VettingDecision:
    """Ask the applicant for more information; the application waits for him."""
    _authorise(actor=actor, expert=expert, permission=VET)
    reason = _require_reason(reason)
    expert = _locked(expert)
    _require_status(expert, Status.PENDING)
    updated = ExpertApplication.objects.filter(
        expert=expert, info_requested=False
    ).update(info_requested=True)
    if not updated:
        raise ValidationError(
            _("The applicant has not yet answered the last request."), code="waiting"
        )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("The station needs more information for your application")
    return _decide(
        expert=expert,
        actor=actor,
        action=VettingAction.INFO_REQUESTED,
        reason=reason,
        status=None,
        subject=subject,
    )


@transaction.atomic
def expert_suspend(
    *, expert: ExpertProfile, actor: User, reason: str
) -> VettingDecision:
    """The director suspends a verified expert, who can no longer answer."""
    _authorise(actor=actor, expert=expert, permission=SUSPEND)
    reason = _require_reason(reason)
    expert = _locked(expert)
    _require_status(expert, Status.VERIFIED)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your expert membership is suspended")
    return _decide(
        expert=expert,
        actor=actor,
        action=VettingAction.SUSPENDED,
        reason=reason,
        status=Status.SUSPENDED,
        subject=subject,
    )


@transaction.atomic
def expert_reinstate(
    *, expert: ExpertProfile, actor: User, reason: str
) -> VettingDecision:
    """The director lifts a suspension."""
    _authorise(actor=actor, expert=expert, permission=SUSPEND)
    reason = _require_reason(reason)
    expert = _locked(expert)
    _require_status(expert, Status.SUSPENDED)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your expert membership is reinstated")
    return _decide(
        expert=expert,
        actor=actor,
        action=VettingAction.REINSTATED,
        reason=reason,
        status=Status.VERIFIED,
        subject=subject,
    )
