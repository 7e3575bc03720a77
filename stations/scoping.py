"""Which stations' work a staff member sees: his own and those below it (notice §3)."""

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from stations.models import Station, User


def stations_worked_at(user: User) -> QuerySet[Station]:
    """The stations where the user is director or clerk."""
    return Station.objects.filter(Q(director=user) | Q(clerks=user)).distinct()


def sees_all_stations(user: User) -> bool:
    """Superusers and the provincial station's staff see every station's work."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return stations_worked_at(user).filter(level=Station.Level.PROVINCIAL).exists()


def visible_stations(user: User) -> QuerySet[Station]:
    """The user's stations with their child and grandchild stations."""
    if sees_all_stations(user):
        return Station.objects.all()
    own = stations_worked_at(user)
    return Station.objects.filter(
        Q(pk__in=own) | Q(parent__in=own) | Q(parent__parent__in=own)
    ).distinct()


def scope_to_stations(queryset: QuerySet, user: User, station_path: str) -> QuerySet:
    """Rows whose station (reached by `station_path`) the user may see; all for
    the provincial station; rows with no station only for the provincial station."""
    if sees_all_stations(user):
        return queryset
    return queryset.filter(**{f"{station_path}__in": visible_stations(user)})


def station_visible_to(user: User, station: Station | None) -> bool:
    """Whether the user may act on a record of this station; records without a
    station are the provincial station's."""
    if station is None:
        return sees_all_stations(user)
    return visible_stations(user).filter(pk=station.pk).exists()


def can_manage_stations(user: User) -> bool:
    """Superusers and the provincial station's staff with the role's permission
    create stations and name their staff; the others only read their own."""
    return user.is_superuser or (
        sees_all_stations(user) and user.has_perm("stations.change_station")
    )


def station_for_region(region: str) -> Station | None:
    """The station serving a region: its city station, else the provincial one."""
    return (
        Station.objects.filter(level=Station.Level.CITY, region=region).first()
        or Station.objects.filter(level=Station.Level.PROVINCIAL).first()
    )


def scope_answers_to_stations(queryset: QuerySet, user: User) -> QuerySet:
    """Answers to problems of the enterprises of the user's stations (Art. 14
    screening is each station's work; the provincial station screens all)."""
    if sees_all_stations(user):
        return queryset
    from qa.models import Problem

    problems = scope_to_stations(
        Problem.objects.order_by(), user, "enterprise__station"
    ).annotate(pk_text=Cast("pk", CharField()))
    return queryset.filter(object_pk__in=problems.values("pk_text"))
