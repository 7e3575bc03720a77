"""Writes for the station's people: registering enterprises and experts, vetting."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stations import roles
from stations.models import Enterprise, ExpertProfile, Station, User
from stations.scoping import (
    can_manage_stations,
    station_for_region,
    station_visible_to,
)
from stations.validators import normalize_credit_code


def _user_create(
    *, username: str, password: str, email: str, phone: str, name: str
) -> User:
    user = User(username=username, email=email, phone=phone, first_name=name)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def enterprise_register(
    *,
    username: str,
    password: str,
    name: str,
    credit_code: str,
    contact_person: str,
    phone: str,
    email: str,
    industry: str,
    region: str,
    size: str = Enterprise.Size.SMALL,
) -> Enterprise:
    """Create an enterprise's account and record; both or neither are saved."""
    user = _user_create(
        username=username,
        password=password,
        email=email,
        phone=phone,
        name=contact_person,
    )
    enterprise = Enterprise(
        user=user,
        name=name.strip(),
        credit_code=normalize_credit_code(credit_code),
        contact_person=contact_person.strip(),
        phone=phone,
        email=email,
        industry=industry,
        region=region,
        size=size,
        station=station_for_region(region),
    )
    enterprise.full_clean()
    enterprise.save()
    return enterprise


@transaction.atomic
def expert_register(
    *,
    username: str,
    password: str,
    real_name: str,
    organisation: str,
    organisation_type: str,
    phone: str,
    email: str,
    department: str = "",
    title: str = "",
    expertise: list[str] | None = None,
    industries: list[str] | None = None,
    biography: str = "",
) -> ExpertProfile:
    """An expert self-registers (Art. 6); the profile is pending until vetted."""
    user = _user_create(
        username=username, password=password, email=email, phone=phone, name=real_name
    )
    expert = ExpertProfile(
        user=user,
        real_name=real_name,
        organisation=organisation,
        organisation_type=organisation_type,
        department=department,
        title=title,
        industries=industries or [],
        biography=biography,
        phone=phone,
        email=email,
    )
    expert.full_clean()
    expert.save()
    expert.expertise.set(expertise or [])
    return expert


def expert_verify(*, expert: ExpertProfile, actor: User) -> ExpertProfile:
    """Staff vet an expert's information and admit him to the roster (Art. 11);
    the experts app's vetting service decides and records it."""
    from experts.services.vetting import expert_approve

    expert_approve(expert=expert, actor=actor)
    expert.refresh_from_db()
    return expert


def _require_station_visible(*, actor: User, station: Station | None) -> None:
    """Staff act only on their own station's (and sub-stations') records."""
    if not station_visible_to(actor, station):
        raise PermissionDenied(
            _("This record belongs to another station; you cannot act on it.")
        )


@transaction.atomic
def enterprise_verify(*, enterprise: Enterprise, actor: User) -> Enterprise:
    """Staff of the enterprise's station confirm its registration is genuine."""
    if not actor.has_perm("stations.verify_enterprise"):
        raise PermissionDenied(_("Only station staff can verify enterprises."))
    _require_station_visible(actor=actor, station=enterprise.station)
    enterprise.verified = True
    enterprise.verified_by = actor
    enterprise.verified_at = timezone.now()
    enterprise.unverified_reason = ""
    enterprise.full_clean()
    enterprise.save(
        update_fields=["verified", "verified_by", "verified_at", "unverified_reason"]
    )
    return enterprise


@transaction.atomic
def enterprise_unverify(
    *, enterprise: Enterprise, actor: User, reason: str
) -> Enterprise:
    """Staff withdraw an enterprise's verification, always with a reason."""
    if not actor.has_perm("stations.verify_enterprise"):
        raise PermissionDenied(_("Only station staff can verify enterprises."))
    _require_station_visible(actor=actor, station=enterprise.station)
    if not reason.strip():
        raise ValidationError(_("Give the reason for withdrawing the verification."))
    enterprise.verified = False
    enterprise.verified_by = actor
    enterprise.verified_at = timezone.now()
    enterprise.unverified_reason = reason.strip()
    enterprise.full_clean()
    enterprise.save(
        update_fields=["verified", "verified_by", "verified_at", "unverified_reason"]
    )
    return enterprise


def station_roles_sync(*, station: Station) -> None:
    """The station's director and clerks get their role group's permissions."""
    if station.director_id:
        station.director.groups.add(Group.objects.get(name=roles.DIRECTOR))
    clerk_group = Group.objects.get(name=roles.CLERK)
    for clerk in station.clerks.all():
        clerk.groups.add(clerk_group)


@transaction.atomic
def station_assign_staff(
    *,
    station: Station,
    actor: User,
    director: User | None = None,
    clerks: list[User] | None = None,
) -> Station:
    """Provincial staff name a station's director and clerks; each joins his
    role group. `None` leaves that part unchanged."""
    if not can_manage_stations(actor):
        raise PermissionDenied(
            _("Only the provincial station's staff can change stations.")
        )
    roles.ensure_role_groups()
    if director is not None:
        station.director = director
        station.full_clean()
        station.save(update_fields=["director"])
    if clerks is not None:
        station.clerks.set(clerks)
    station_roles_sync(station=station)
    return station


def expert_join_station(
    *, expert: ExpertProfile, station: Station, actor: User
) -> ExpertProfile:
    """Staff put an expert on a station's expert team (their own stations only)."""
    if not actor.has_perm("stations.change_expertprofile"):
        raise PermissionDenied(_("Only station staff can vet experts."))
    _require_station_visible(actor=actor, station=station)
    expert.station = station
    expert.save(update_fields=["station"])
    return expert
