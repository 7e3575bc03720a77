"""The desk's admin screens: each clerk sees and acts on his station's records only."""

import pytest
from django.urls import reverse

from qa.models import Problem
from servicedesk.models import Referral, Visit
from servicedesk.services import referral_create
from tests.factories.servicedesk import (
    CityStationFactory,
    ServiceOrganisationFactory,
    VisitFactory,
    problem_at,
    staff_of,
)

pytestmark = pytest.mark.django_db


def _url(model, name, *args):
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


@pytest.fixture
def mine():
    return VisitFactory(topic="本站来访")


@pytest.fixture
def theirs():
    return VisitFactory(topic="他站来访")


def test_the_visitor_log_lists_and_exports_only_the_clerks_station(
    client, mine, theirs
):
    client.force_login(mine.handled_by)
    listing = client.get(_url(Visit, "list"))
    assert listing.status_code == 200
    assert "本站来访" in listing.text
    assert "他站来访" not in listing.text
    export = client.get(_url(Visit, "list") + "?export=csv")
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "本站来访" in body
    assert "他站来访" not in body


def test_the_visitor_log_filters_by_channel(client, mine):
    VisitFactory(station=mine.station, topic="电话咨询", channel="phone")
    client.force_login(mine.handled_by)
    listing = client.get(_url(Visit, "list") + "?channel=phone")
    assert "电话咨询" in listing.text
    assert "本站来访" not in listing.text


def test_a_clerk_cannot_open_another_stations_visit(client, mine, theirs):
    client.force_login(mine.handled_by)
    assert client.get(_url(Visit, "edit", theirs.pk)).status_code == 404
    assert client.get(_url(Visit, "inspect", theirs.pk)).status_code == 404
    assert client.get(_url(Visit, "edit", mine.pk)).status_code == 200


def test_a_visit_recorded_in_the_admin_belongs_to_the_clerk(client, mine, theirs):
    client.force_login(mine.handled_by)
    data = {
        "station": mine.station.pk,
        "visited_at": "2026-11-02 10:00",
        "channel": "walk_in",
        "visitor_name": "钱先生",
        "organisation": "某公司",
        "contact": "13800000009",
        "topic": "新登记",
        "question": "咨询内容",
    }
    client.post(_url(Visit, "add"), data)
    visit = Visit.objects.get(topic="新登记")
    assert visit.handled_by == mine.handled_by
    client.post(
        _url(Visit, "add"), {**data, "topic": "越权", "station": theirs.station.pk}
    )
    assert not Visit.objects.filter(topic="越权").exists()


def test_turning_a_visit_into_a_problem_from_the_admin(client, mine):
    client.force_login(mine.handled_by)
    url = reverse("servicedesk_admin:visit_to_problem", args=[mine.pk])
    response = client.post(url, {"tags": "发酵, 温控"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.problem.enterprise == mine.enterprise
    assert set(mine.problem.tags.names()) == {"发酵", "温控"}


def test_a_visit_without_enterprise_is_refused_with_a_clear_message(client):
    visit = VisitFactory(enterprise=None)
    client.force_login(visit.handled_by)
    url = reverse("servicedesk_admin:visit_to_problem", args=[visit.pk])
    response = client.post(url, {"tags": ""}, follow=True)
    assert "没有关联已注册的企业" in response.text
    assert not Problem.objects.exists()


def test_another_stations_clerk_cannot_turn_a_visit_into_a_problem(client, mine):
    client.force_login(staff_of(CityStationFactory()))
    url = reverse("servicedesk_admin:visit_to_problem", args=[mine.pk])
    assert client.post(url, {"tags": ""}).status_code == 404
    assert not Problem.objects.exists()


def test_referrals_are_made_through_the_service_not_an_edit_form(client):
    city = CityStationFactory()
    clerk = staff_of(city)
    referral = referral_create(
        problem=problem_at(city),
        organisation=ServiceOrganisationFactory(),
        actor=clerk,
        note="转介",
    )
    client.force_login(clerk)
    assert client.get(_url(Referral, "edit", referral.pk)).status_code in (302, 403)
    url = reverse("servicedesk_admin:referral_move", args=[referral.pk])
    client.post(url, {"to_status": "accepted", "note": ""})
    referral.refresh_from_db()
    assert referral.status == "accepted"


def test_a_clerk_refers_only_his_stations_problems(client):
    city = CityStationFactory()
    clerk = staff_of(city)
    other_problem = problem_at(CityStationFactory())
    client.force_login(clerk)
    response = client.post(
        reverse("servicedesk_admin:referral_add"),
        {
            "problem": other_problem.pk,
            "organisation": ServiceOrganisationFactory().pk,
            "note": "转介",
        },
    )
    assert response.status_code == 200  # the form again, with its error
    assert not Referral.objects.exists()


def test_the_enterprise_overview_is_scoped(client, mine):
    enterprise = mine.enterprise
    enterprise.station = mine.station
    enterprise.save()
    client.force_login(mine.handled_by)
    url = reverse("servicedesk_admin:enterprise_overview", args=[enterprise.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert enterprise.name in page.text
    assert "本站来访" in page.text
    client.force_login(staff_of(CityStationFactory()))
    assert client.get(url).status_code == 404


def test_the_enterprise_list_links_to_the_overview(client, mine):
    from stations.models import Enterprise

    enterprise = mine.enterprise
    enterprise.station = mine.station
    enterprise.save()
    client.force_login(mine.handled_by)
    listing = client.get(_url(Enterprise, "list"))
    overview = reverse("servicedesk_admin:enterprise_overview", args=[enterprise.pk])
    assert overview in listing.text


def test_the_visitor_log_and_the_directory_are_searchable(client, mine):
    VisitFactory(station=mine.station, topic="锅炉改造", visitor_name="孔先生")
    ServiceOrganisationFactory(name="检测中心甲", services="无损检测")
    client.force_login(mine.handled_by)
    found = client.get(_url(Visit, "list") + "?q=孔先生")
    assert found.status_code == 200
    assert "锅炉改造" in found.text and "本站来访" not in found.text
    from servicedesk.models import ServiceOrganisation

    found = client.get(_url(ServiceOrganisation, "list") + "?q=检测中心甲")
    assert found.status_code == 200 and "检测中心甲" in found.text
