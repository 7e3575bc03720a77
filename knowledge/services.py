"""Writes of the public site: event registration and the editorial workflow set-up."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from knowledge.models import EventPage, EventRegistration
from stations import roles
from stations.models import User

WORKFLOW_NAME = "主任审批"
#: Page permissions per role on the public site: editors draft, the director publishes.
PAGE_PERMISSIONS = {
    roles.EDITOR: ("add_page", "change_page"),
    roles.DIRECTOR: ("add_page", "change_page", "publish_page"),
}


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(
        content_type__app_label="wagtailcore", codename=codename
    )


@transaction.atomic
def ensure_editorial_workflow(*, root: Page) -> Workflow:
    """Editors draft and submit; the director approves before anything goes live.

    Idempotent: creates the "主任审批" workflow with one group-approval task for the
    主任 group, assigns it to ``root`` (and so to every page below it), and sets the
    groups' page permissions on ``root`` — the 编辑 group may add and change pages
    but not publish them.
    """
    roles.ensure_role_groups()
    director = Group.objects.get(name=roles.DIRECTOR)
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
    task.groups.set([director])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    for group_name, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=group_name)
        GroupPagePermission.objects.filter(group=group, page=root).exclude(
            permission__codename__in=codenames
        ).delete()
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=_page_permission(codename)
            )
    return workflow


def _role_of(user: User) -> tuple[str, str]:
    """The user's role and organisation for a registration, or a refusal."""
    enterprise = user.enterprise_or_none
    if enterprise is not None:
        return EventRegistration.Role.ENTERPRISE, enterprise.name
    expert = user.expert_or_none
    if expert is not None and user.is_verified_expert:
        return EventRegistration.Role.EXPERT, expert.organisation
    raise PermissionDenied(
        _("Only registered enterprises and verified experts can register for events.")
    )


@transaction.atomic
def event_register(
    *, event: EventPage, user: User, contact_name: str, phone: str, note: str = ""
) -> EventRegistration:
    """Register a user for an event: once per user, while open, until it is full.

    The event row is locked (SELECT … FOR UPDATE; SQLite serialises writers with
    IMMEDIATE transactions) so that two last-place registrations cannot both pass
    the capacity check; the unique constraint on (event, user) stops duplicates
    even from concurrent requests.
    """
    if not user.is_authenticated:
        raise PermissionDenied(_("Please log in to register."))
    role, organisation = _role_of(user)
    event = EventPage.objects.select_for_update().get(pk=event.pk)
    if not event.live or not event.accepts_registrations:
        raise ValidationError(
            _("Registration for this event is closed."), code="closed"
        )
    if event.registrations.filter(user=user).exists():
        raise ValidationError(
            _("You have already registered for this event."), code="duplicate"
        )
    if event.registrations.count() >= event.capacity:
        raise ValidationError(_("This event is fully booked."), code="full")
    registration = EventRegistration(
        event=event,
        user=user,
        role=role,
        organisation=organisation,
        contact_name=contact_name,
        phone=phone,
        note=note,
    )
    registration.full_clean()
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:
        raise ValidationError(
            _("You have already registered for this event."), code="duplicate"
        ) from error
    return registration


@transaction.atomic
def event_registration_cancel(*, event: EventPage, user: User) -> None:
    """Withdraw the user's own registration while registration is still open."""
    registration = event.registrations.filter(user=user).first()
    if registration is None:
        raise ValidationError(_("You are not registered for this event."))
    if not event.accepts_registrations:
        raise ValidationError(
            _("Registration has closed; please contact the organiser to withdraw.")
        )
    registration.delete()
