"""Reads for the service desk, always scoped to the stations a user may see."""

from django.db.models import QuerySet

from qa.models import Problem
from servicedesk.models import (
    FairSolution,
    OnSiteService,
    RecordStatus,
    Referral,
    ServiceOrganisation,
    Visit,
)
from stations.models import Enterprise, User
from stations.scoping import scope_to_stations


def visits_for(user: User) -> QuerySet[Visit]:
    return scope_to_stations(Visit.objects.all(), user, "station")


def referrals_for(user: User) -> QuerySet[Referral]:
    return scope_to_stations(
        Referral.objects.select_related("problem", "organisation"),
        user,
        "problem__enterprise__station",
    )


def onsite_services_for(user: User) -> QuerySet[OnSiteService]:
    return scope_to_stations(
        OnSiteService.objects.select_related("problem", "expert"),
        user,
        "problem__enterprise__station",
    )


def fair_solutions_for(user: User) -> QuerySet[FairSolution]:
    return scope_to_stations(
        FairSolution.objects.select_related("problem", "expert", "event"),
        user,
        "problem__enterprise__station",
    )


def enterprises_for(user: User) -> QuerySet[Enterprise]:
    return scope_to_stations(Enterprise.objects.all(), user, "station")


def problems_for(user: User) -> QuerySet[Problem]:
    return scope_to_stations(Problem.objects.all(), user, "enterprise__station")


def enterprise_overview(*, enterprise: Enterprise) -> dict:
    """Everything the station has on one enterprise, for its one-page overview."""
    return {
        "enterprise": enterprise,
        "problems": enterprise.problems.order_by("-created_at"),
        "visits": enterprise.visits.select_related("handled_by", "problem"),
        "referrals": Referral.objects.filter(problem__enterprise=enterprise)
        .select_related("problem", "organisation")
        .order_by("-created_at"),
        "onsite_services": OnSiteService.objects.filter(problem__enterprise=enterprise)
        .select_related("problem", "expert", "reward_entry")
        .order_by("-service_date"),
        "fair_solutions": FairSolution.objects.filter(problem__enterprise=enterprise)
        .select_related("problem", "expert", "event", "reward_entry")
        .order_by("-created_at"),
    }


def organisations_public(*, region: str = "", kind: str = "") -> QuerySet:
    """The public directory: active organisations, optionally of a region or kind."""
    organisations = ServiceOrganisation.objects.filter(active=True)
    if region:
        organisations = organisations.filter(region=region)
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations


def onsite_services_of_expert(user: User) -> QuerySet[OnSiteService]:
    return OnSiteService.objects.filter(expert__user=user).select_related("problem")


def onsite_services_awaiting_enterprise(user: User) -> QuerySet[OnSiteService]:
    """On-site services the user's enterprise has still to confirm or dispute."""
    return OnSiteService.objects.filter(
        problem__enterprise__user=user, status=RecordStatus.REPORTED
    ).select_related("problem", "expert")


def onsite_services_of_enterprise(user: User) -> QuerySet[OnSiteService]:
    return OnSiteService.objects.filter(problem__enterprise__user=user).select_related(
        "problem", "expert"
    )
