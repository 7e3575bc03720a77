"""The stations in the admin: provincial staff and superusers create and edit;
the others read their own; naming a director or clerk gives his role group."""

import pytest
from django.core.exceptions import PermissionDenied

from stations import roles
from stations.models import Station
from stations.services import station_assign_staff
from tests.factories.stations import ExpertFactory, UserFactory

STATIONS = "/admin/snippets/stations/station/"


def test_assigning_staff_adds_the_role_groups(network):
    boss, helper = UserFactory(), UserFactory()
    station_assign_staff(
        station=network.siping, actor=network.director, director=boss, clerks=[helper]
    )
    network.siping.refresh_from_db()
    assert network.siping.director == boss
    assert list(network.siping.clerks.all()) == [helper]
    assert list(boss.groups.values_list("name", flat=True)) == [roles.DIRECTOR]
    assert list(helper.groups.values_list("name", flat=True)) == [roles.CLERK]
    helper = type(helper).objects.get(pk=helper.pk)
    assert helper.has_perm("stations.verify_enterprise")
    assert not helper.has_perm("stations.approve_rewardentry")


def test_city_clerk_cannot_assign_staff(network):
    with pytest.raises(PermissionDenied):
        station_assign_staff(
            station=network.jilin,
            actor=network.jilin_clerk,
            clerks=[network.siping_clerk],
        )
    assert network.siping_clerk not in network.jilin.clerks.all()


def test_city_clerk_reads_only_his_stations(client, network):
    ExpertFactory(station=network.jilin)
    client.force_login(network.jilin_clerk)
    page = client.get(STATIONS)
    assert page.status_code == 200
    body = page.content.decode()
    assert "吉林市服务站" in body and "永吉县服务站" in body
    assert "四平市服务站" not in body
    assert client.get(f"{STATIONS}inspect/{network.jilin.pk}/").status_code == 200
    assert client.get(f"{STATIONS}inspect/{network.siping.pk}/").status_code == 404
    assert client.get(f"{STATIONS}add/").status_code in (302, 403)
    assert client.get(f"{STATIONS}edit/{network.jilin.pk}/").status_code in (302, 403)


def test_list_shows_director_clerks_and_team_size(client, network):
    ExpertFactory(station=network.jilin)
    ExpertFactory(station=network.jilin)
    client.force_login(network.director)
    page = client.get(STATIONS)
    row = next(s for s in page.context["object_list"] if s.pk == network.jilin.pk)
    assert row.expert_count == 2
    assert network.jilin_clerk.username in page.content.decode()


def test_provincial_director_creates_a_station_and_its_clerk_joins_the_group(
    client, network
):
    clerk = UserFactory()
    client.force_login(network.director)
    response = client.post(
        f"{STATIONS}add/",
        {
            "name": "通化市服务站",
            "level": "city",
            "parent": network.province.pk,
            "region": "tonghua",
            "address": "通化市东昌区（虚构）",
            "phone": "13800000099",
            "director": "",
            "clerks": [clerk.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    station = Station.objects.get(name="通化市服务站")
    assert list(station.clerks.all()) == [clerk]
    assert clerk.groups.filter(name=roles.CLERK).exists()


def test_a_second_provincial_station_is_refused(network):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Station(name="另一个省站", level="provincial").full_clean()


def test_superuser_edits_a_station_and_names_its_director(client, network):
    boss = UserFactory()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    station = network.siping
    response = client.post(
        f"{STATIONS}edit/{station.pk}/",
        {
            "name": station.name,
            "level": "city",
            "parent": network.province.pk,
            "region": "siping",
            "address": "四平市铁西区（虚构）",
            "phone": "13800000098",
            "director": boss.pk,
            "clerks": [network.siping_clerk.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    station.refresh_from_db()
    assert station.director == boss and station.address == "四平市铁西区（虚构）"
    assert boss.groups.filter(name=roles.DIRECTOR).exists()
