"""Demo people: staff accounts, stations, reward rules, enterprises and experts.

Experts not named in a station's "experts" join the provincial station's team;
enterprises get the station of their region when they register.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from qa.models import Channel, Frequency
from qa.notifications import preference_set
from stations import roles
from stations.demo import DEMO_PASSWORD
from stations.demo.problems import TIMELINE_END
from stations.models import Enterprise, ExpertProfile, RewardRule, Station, User
from stations.models.rewards import RewardKind
from stations.scoping import station_for_region
from stations.services import (
    enterprise_register,
    enterprise_verify,
    expert_join_station,
    expert_register,
    expert_verify,
    station_assign_staff,
)

#: Art. 15–18 amounts in yuan, in force from Art. 21's date with no end.
REWARD_AMOUNTS = {
    RewardKind.ONLINE: Decimal("50.00"),
    RewardKind.ON_SITE: Decimal("2000.00"),
    RewardKind.FAIR: Decimal("1000.00"),
    RewardKind.EXCELLENT: Decimal("5000.00"),
}
RULES_EFFECTIVE_FROM = datetime.date(2014, 1, 1)

_ROLE_GROUPS = {
    "director": roles.DIRECTOR,
    "clerk": roles.CLERK,
    "editor": roles.EDITOR,
}


def _data():
    from stations.demo.loader import read_data

    return read_data("people.json")


def _joined(index: int) -> datetime.datetime:
    """Registration dates before the first problem, a few days apart."""
    start = min(TIMELINE_END, timezone.now()) - datetime.timedelta(days=330)
    return start + datetime.timedelta(days=4 * index, hours=index)


def load_staff(tally) -> dict[str, User]:
    """Station staff and the superuser; group membership is repaired on every run."""
    roles.ensure_role_groups()
    users: dict[str, User] = {}
    for spec in _data()["staff"]:
        user = User.objects.filter(username=spec["username"]).first()
        tally.add("staff accounts", created=user is None)
        if user is None:
            user = User(
                username=spec["username"],
                first_name=spec["name"],
                email=spec["email"],
                phone=spec["phone"],
            )
            user.set_password(DEMO_PASSWORD)
            if spec["role"] == "superuser":
                user.is_staff = user.is_superuser = True
            user.full_clean()
            user.save()
        group_name = _ROLE_GROUPS.get(spec["role"])
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        users[spec["username"]] = user
    return users


def load_stations(tally, *, users: dict[str, User]) -> None:
    """The provincial station, city stations and a county station; the superuser
    names their directors and clerks (each joins his role group)."""
    admin = User.objects.get(username="admin")
    for spec in _data()["stations"]:
        station = Station.objects.filter(name=spec["name"]).first()
        tally.add("stations", created=station is None)
        if station is None:
            station = Station(
                name=spec["name"],
                level=spec["level"],
                parent=Station.objects.filter(name=spec["parent"]).first(),
                region=spec["region"],
                address=spec["address"],
                phone=spec["phone"],
            )
            station.full_clean()
            station.save()
        director = users.get(spec["director"] or "")
        clerks = [users[name] for name in spec["clerks"]]
        if station.director_id != getattr(director, "pk", None) or set(
            station.clerks.all()
        ) != set(clerks):
            station_assign_staff(
                station=station, actor=admin, director=director, clerks=clerks
            )


def load_reward_rules(tally) -> None:
    for kind, amount in REWARD_AMOUNTS.items():
        _rule, created = RewardRule.objects.get_or_create(
            kind=kind,
            effective_from=RULES_EFFECTIVE_FROM,
            defaults={"amount": amount, "effective_to": None},
        )
        tally.add("reward rules", created=created)


def load_enterprises(tally) -> None:
    """Register each enterprise through the public service; key: credit code."""
    for index, spec in enumerate(_data()["enterprises"]):
        if Enterprise.objects.filter(credit_code=spec["credit_code"]).exists():
            tally.add("enterprises", created=False)
            continue
        with transaction.atomic():
            enterprise = enterprise_register(
                password=DEMO_PASSWORD,
                **{k: v for k, v in spec.items() if k != "_comment"},
            )
            # The station's staff checked every demo enterprise the next day,
            # so that every screen shows them as ordinary members.
            enterprise_verify(enterprise=enterprise, actor=_checker(enterprise))
            joined = _joined(index)
            Enterprise.objects.filter(pk=enterprise.pk).update(
                created_at=joined, verified_at=joined + datetime.timedelta(days=1)
            )
            User.objects.filter(pk=enterprise.user_id).update(date_joined=joined)
        tally.add("enterprises", created=True)
    # Enterprises registered by an older demo, before there were stations.
    for enterprise in Enterprise.objects.filter(station=None):
        enterprise.station = station_for_region(enterprise.region)
        enterprise.save(update_fields=["station"])


def _checker(enterprise: Enterprise) -> User:
    """A clerk of the enterprise's station, else the station's director."""
    station = enterprise.station
    user = station.clerks.order_by("pk").first() or station.director
    return User.objects.get(pk=user.pk)  # fresh permission cache


def load_experts(tally, *, director: User) -> None:
    """Experts self-register (Art. 6); the director vets most of them (Art. 11)."""
    director = User.objects.get(pk=director.pk)  # fresh permission cache
    for index, spec in enumerate(_data()["experts"]):
        fields = {k: v for k, v in spec.items() if k != "verified"}
        expert = ExpertProfile.objects.filter(user__username=spec["username"]).first()
        tally.add("experts", created=expert is None)
        if expert is None:
            with transaction.atomic():
                expert = expert_register(password=DEMO_PASSWORD, **fields)
                joined = _joined(index + 2)
                ExpertProfile.objects.filter(pk=expert.pk).update(created_at=joined)
                User.objects.filter(pk=expert.user_id).update(date_joined=joined)
                _contact_preference(expert.user, index)
        # Checked on every run so that an interrupted load still gets vetted.
        if spec["verified"] and expert.status == ExpertProfile.Status.PENDING:
            expert_verify(expert=expert, actor=director)
        if expert.station_id is None:
            expert_join_station(
                expert=expert, station=_team_of(spec["username"]), actor=director
            )


def _team_of(username: str) -> Station:
    """The station whose team the demo expert is on: provincial unless listed."""
    for spec in _data()["stations"]:
        if username in spec["experts"]:
            return Station.objects.get(name=spec["name"])
    return Station.objects.get(level=Station.Level.PROVINCIAL)


def _contact_preference(user: User, index: int) -> None:
    """Experts reach enterprises by SMS, e-mail or online (Art. 9): a mix of choices."""
    if index % 3 == 0:
        preference_set(
            user=user, channels=[Channel.SITE, Channel.SMS], frequency=Frequency.INSTANT
        )
    elif index % 5 == 1:
        preference_set(
            user=user, channels=[Channel.SITE, Channel.EMAIL], frequency=Frequency.DAILY
        )
