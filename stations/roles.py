"""Staff roles as Django groups, each with only the permissions the role needs."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

CLERK = "办事人员"
DIRECTOR = "主任"
EDITOR = "编辑"

#: (app_label, codename) pairs per role; "access_admin" lets staff into Wagtail.
ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    CLERK: [
        ("wagtailadmin", "access_admin"),
        ("appointments", "view_appointmentletter"),
        ("appointments", "view_assessment"),
        ("servicedesk", "add_visit"),
        ("servicedesk", "change_visit"),
        ("servicedesk", "view_visit"),
        ("servicedesk", "add_serviceorganisation"),
        ("servicedesk", "change_serviceorganisation"),
        ("servicedesk", "view_serviceorganisation"),
        ("servicedesk", "add_referral"),
        ("servicedesk", "change_referral"),
        ("servicedesk", "view_referral"),
        ("servicedesk", "change_onsiteservice"),
        ("servicedesk", "view_onsiteservice"),
        ("servicedesk", "add_fairsolution"),
        ("servicedesk", "change_fairsolution"),
        ("servicedesk", "view_fairsolution"),
        ("qa", "screen_answer"),
        ("qa", "view_problem"),
        ("stations", "change_expertprofile"),
        ("experts", "vet_expert"),
        ("experts", "view_invitationreply"),
        ("stations", "view_statsreport"),
        ("stations", "view_enterprise"),
        ("stations", "verify_enterprise"),
        ("stations", "view_station"),
    ],
    DIRECTOR: [
        ("wagtailadmin", "access_admin"),
        ("appointments", "view_appointmentletter"),
        ("appointments", "issue_appointmentletter"),
        ("appointments", "view_assessment"),
        ("appointments", "record_assessment"),
        ("servicedesk", "add_visit"),
        ("servicedesk", "change_visit"),
        ("servicedesk", "view_visit"),
        ("servicedesk", "add_serviceorganisation"),
        ("servicedesk", "change_serviceorganisation"),
        ("servicedesk", "view_serviceorganisation"),
        ("servicedesk", "add_referral"),
        ("servicedesk", "change_referral"),
        ("servicedesk", "view_referral"),
        ("servicedesk", "change_onsiteservice"),
        ("servicedesk", "view_onsiteservice"),
        ("servicedesk", "add_fairsolution"),
        ("servicedesk", "change_fairsolution"),
        ("servicedesk", "view_fairsolution"),
        ("qa", "screen_answer"),
        ("qa", "view_problem"),
        ("stations", "change_expertprofile"),
        ("experts", "vet_expert"),
        ("experts", "suspend_expert"),
        ("experts", "view_invitationreply"),
        ("stations", "view_rewardentry"),
        ("stations", "view_rewardrule"),
        ("stations", "approve_rewardentry"),
        ("stations", "pay_rewardentry"),
        ("stations", "view_statsreport"),
        ("stations", "view_enterprise"),
        ("stations", "verify_enterprise"),
        ("stations", "view_station"),
        ("stations", "add_station"),
        ("stations", "change_station"),
        ("knowledge", "view_eventregistration"),
        ("knowledge", "change_stationsettings"),
    ],
    EDITOR: [
        ("wagtailadmin", "access_admin"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("knowledge", "view_eventregistration"),
        ("knowledge", "change_stationsettings"),
    ],
}


def ensure_role_groups(**kwargs) -> None:
    """Create the role groups and give each exactly its permissions (idempotent)."""
    for name, pairs in ROLE_PERMISSIONS.items():
        query = Q(pk__in=[])
        for app_label, codename in pairs:
            query |= Q(content_type__app_label=app_label, codename=codename)
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(query))
