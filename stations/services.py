"""Writes for the station's people: registering enterprises and experts, vetting."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from stations.models import Enterprise, ExpertProfile, User
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
    """Staff vet an expert's information and admit him to the roster (Art. 11)."""
    if not actor.has_perm("stations.change_expertprofile"):
        raise PermissionDenied(_("Only station staff can vet experts."))
    expert.status = ExpertProfile.Status.VERIFIED
    expert.save(update_fields=["status"])
    return expert
