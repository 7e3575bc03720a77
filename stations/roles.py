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
        ("qa", "screen_answer"),
        ("qa", "view_problem"),
        ("stations", "change_expertprofile"),
        ("stations", "view_statsreport"),
    ],
    DIRECTOR: [
        ("wagtailadmin", "access_admin"),
        ("qa", "screen_answer"),
        ("qa", "view_problem"),
        ("stations", "change_expertprofile"),
        ("stations", "view_rewardentry"),
        ("stations", "view_rewardrule"),
        ("stations", "approve_rewardentry"),
        ("stations", "pay_rewardentry"),
        ("stations", "view_statsreport"),
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
