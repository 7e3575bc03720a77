"""Stations with their clerks, organisations, visits and reward rules for the desk."""

import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Page

from qa.models import Problem
from servicedesk.models import ServiceOrganisation, Visit
from stations import roles
from stations.models import Station, User
from stations.models.rewards import RewardKind
from tests.factories.knowledge import event
from tests.factories.qa import ProblemFactory
from tests.factories.stations import (
    EnterpriseFactory,
    RewardRuleFactory,
    StationFactory,
    UserFactory,
)

#: The desk's tests name the city station after what it is here.
CityStationFactory = StationFactory


def staff_of(station: Station, role: str = roles.CLERK) -> User:
    """A clerk (or director) of the station, with the role's real permissions."""
    roles.ensure_role_groups()
    user = UserFactory(groups=[Group.objects.get(name=role)])
    if role == roles.DIRECTOR:
        Station.objects.filter(pk=station.pk).update(director=user)
    else:
        station.clerks.add(user)
    return user


def problem_at(station: Station, **fields) -> Problem:
    """An open problem of an enterprise served by the station."""
    enterprise = EnterpriseFactory(station=station)
    return ProblemFactory(enterprise=enterprise, **fields)


def reward_rules() -> None:
    """The rules of Art. 16 and 17: 2,000 yuan on site, 1,000 at a fair."""
    RewardRuleFactory(kind=RewardKind.ON_SITE, amount="2000.00")
    RewardRuleFactory(kind=RewardKind.FAIR, amount="1000.00")


def past_fair(days_ago: int = 10, **fields):
    """A matchmaking fair that took place `days_ago` days ago."""
    start = timezone.now() - datetime.timedelta(days=days_ago)
    return event(
        Page.get_first_root_node(),
        start_at=start,
        end_at=start + datetime.timedelta(hours=8),
        **fields,
    )


class ServiceOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = ServiceOrganisation

    name = factory.Sequence(lambda n: f"长春第{n}科技咨询服务中心")
    services = "检验检测、技术咨询"
    region = "changchun"
    contact_person = "赵主任"
    phone = "0431-80000000"
    email = factory.Sequence(lambda n: f"org{n}@example.org")


class VisitFactory(DjangoModelFactory):
    class Meta:
        model = Visit

    station = factory.SubFactory(CityStationFactory)
    visitor_name = "张先生"
    organisation = "吉林测试食品有限公司"
    contact = "13800000001"
    topic = "发酵罐温控改造"
    question = "发酵罐温度波动大，能否改造温控系统？"
    handled_by = factory.LazyAttribute(lambda visit: staff_of(visit.station))
    #: An enterprise the station serves (a clerk records only those).
    enterprise = factory.LazyAttribute(
        lambda visit: EnterpriseFactory(station=visit.station)
    )
