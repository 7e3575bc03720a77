"""Who sees which station's work (notice §3): own station and those below it;
the provincial station and superusers see all."""

import pytest

from stations.models import Enterprise
from stations.scoping import (
    can_manage_stations,
    scope_to_stations,
    sees_all_stations,
    station_for_region,
    station_visible_to,
    visible_stations,
)
from tests.factories.stations import EnterpriseFactory, UserFactory


@pytest.fixture
def enterprises(network):
    return {
        name: EnterpriseFactory(station=station)
        for name, station in [
            ("province", network.province),
            ("jilin", network.jilin),
            ("county", network.county),
            ("siping", network.siping),
            ("none", None),
        ]
    }


def _seen(user, enterprises):
    rows = scope_to_stations(Enterprise.objects.all(), user, "station")
    return {name for name, e in enterprises.items() if rows.filter(pk=e.pk).exists()}


def test_city_clerk_sees_his_station_and_its_county(network, enterprises):
    clerk = network.jilin_clerk
    assert not sees_all_stations(clerk)
    assert set(visible_stations(clerk)) == {network.jilin, network.county}
    assert _seen(clerk, enterprises) == {"jilin", "county"}
    assert not station_visible_to(clerk, None)


def test_clerk_of_another_city_sees_only_his_own(network, enterprises):
    assert _seen(network.siping_clerk, enterprises) == {"siping"}
    assert not station_visible_to(network.siping_clerk, network.jilin)


def test_provincial_director_and_superuser_see_all(network, enterprises):
    superuser = UserFactory(is_superuser=True)
    for user in (network.director, superuser):
        assert sees_all_stations(user)
        assert _seen(user, enterprises) == set(enterprises)
        assert station_visible_to(user, None)


def test_user_with_no_station_sees_nothing(network, enterprises):
    assert _seen(UserFactory(), enterprises) == set()


def test_only_provincial_staff_and_superusers_manage_stations(network):
    assert can_manage_stations(network.director)
    assert can_manage_stations(UserFactory(is_superuser=True))
    assert not can_manage_stations(network.jilin_clerk)


def test_region_served_by_its_city_station_else_the_province(network):
    assert station_for_region("jilin") == network.jilin
    assert station_for_region("siping") == network.siping
    assert station_for_region("yanbian") == network.province
