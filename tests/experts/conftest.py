import pytest
from django.contrib.auth.models import Group

from stations import roles
from tests.factories.stations import (
    DirectorFactory,
    StationFactory,
    UserFactory,
    join_as_clerk,
)


@pytest.fixture
def director(db):
    """The provincial station's director."""
    return DirectorFactory()


@pytest.fixture
def city_station(db):
    return StationFactory(name="吉林市服务站")


@pytest.fixture
def other_city_station(db):
    return StationFactory(name="四平市服务站", region="siping")


@pytest.fixture
def city_clerk(city_station):
    roles.ensure_role_groups()
    user = UserFactory(groups=[Group.objects.get(name=roles.CLERK)])
    return join_as_clerk(user, city_station)
