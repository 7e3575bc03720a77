"""Which stations' work a staff member sees: his own and those below it (notice §3)."""

from django.db.models import Q, QuerySet

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
