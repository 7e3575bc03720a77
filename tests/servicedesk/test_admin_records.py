"""Admin screens of referrals, on-site services and fair solutions, scoped."""

import pytest
from django.urls import reverse
from django.utils import timezone

from servicedesk.models import (
    FairSolution,
    OnSiteService,
    RecordStatus,
    Referral,
    ServiceOrganisation,
)
from servicedesk.services import (
    fair_solution_record,
    onsite_answer,
    onsite_report,
    referral_create,
)
from stations.models import RewardEntry
from tests.factories.servicedesk import (
    CityStationFactory,
    ServiceOrganisationFactory,
    past_fair,
    problem_at,
    reward_rules,
    staff_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(expert):
    """One station's clerk with a referral, a confirmed on-site service and a
    recorded fair solution."""
    reward_rules()
    city = CityStationFactory()
    clerk = staff_of(city)
    referral = referral_create(
        problem=problem_at(city),
        organisation=ServiceOrganisationFactory(),
        actor=clerk,
        note="转介",
    )
    service = onsite_report(
        problem=problem_at(city),
        user=expert.user,
        service_date=timezone.localdate(),
        place="车间",
        work_done="调试",
    )
    service = onsite_answer(
        service=service, user=service.problem.enterprise.user, confirm=True
    )
    fair = fair_solution_record(
        event=past_fair(), problem=problem_at(city), expert=expert, actor=clerk
    )
    return {"clerk": clerk, "referral": referral, "service": service, "fair": fair}


def _list(model):
    return reverse(model.snippet_viewset.get_url_name("list"))


def test_every_desk_screen_renders_for_the_clerk(client, desk):
    client.force_login(desk["clerk"])
    for model in (ServiceOrganisation, Referral, OnSiteService, FairSolution):
        assert client.get(_list(model)).status_code == 200, model
    pages = [
        reverse("servicedesk_admin:referral_add"),
        reverse("servicedesk_admin:referral_move", args=[desk["referral"].pk]),
        reverse("servicedesk_admin:onsite_decide", args=[desk["service"].pk]),
        reverse("servicedesk_admin:fair_add"),
        reverse("servicedesk_admin:fair_decide", args=[desk["fair"].pk]),
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    inspect = OnSiteService.snippet_viewset.get_url_name("inspect")
    assert client.get(reverse(inspect, args=[desk["service"].pk])).status_code == 200


def test_the_clerk_verifies_from_the_admin_once(client, desk):
    client.force_login(desk["clerk"])
    url = reverse("servicedesk_admin:onsite_decide", args=[desk["service"].pk])
    assert client.post(url, {"decision": "verify"}).status_code == 302
    client.post(url, {"decision": "verify"})
    service = OnSiteService.objects.get()
    assert service.status == RecordStatus.VERIFIED
    assert RewardEntry.objects.count() == 1
    url = reverse("servicedesk_admin:fair_decide", args=[desk["fair"].pk])
    assert client.post(url, {"decision": "verify"}).status_code == 302
    assert RewardEntry.objects.count() == 2


def test_a_rejection_without_reason_is_refused_with_a_message(client, desk):
    client.force_login(desk["clerk"])
    url = reverse("servicedesk_admin:onsite_decide", args=[desk["service"].pk])
    response = client.post(url, {"decision": "reject", "reason": ""})
    assert response.status_code == 200
    assert "请说明理由" in response.text
    desk["service"].refresh_from_db()
    assert desk["service"].status == RecordStatus.CONFIRMED


def test_another_stations_clerk_sees_none_of_it(client, desk):
    client.force_login(staff_of(CityStationFactory()))
    for model in (Referral, OnSiteService, FairSolution):
        listing = client.get(_list(model))
        assert listing.status_code == 200
    assert desk["referral"].problem.title not in client.get(_list(Referral)).text
    urls = [
        reverse("servicedesk_admin:referral_move", args=[desk["referral"].pk]),
        reverse("servicedesk_admin:onsite_decide", args=[desk["service"].pk]),
        reverse("servicedesk_admin:fair_decide", args=[desk["fair"].pk]),
    ]
    for url in urls:
        assert client.post(url, {"decision": "verify"}).status_code == 404, url
    assert not RewardEntry.objects.exists()


def test_an_enterprise_or_expert_cannot_reach_the_desk(client, desk, expert):
    client.force_login(expert.user)
    url = reverse("servicedesk_admin:onsite_decide", args=[desk["service"].pk])
    assert client.post(url, {"decision": "verify"}).status_code in (302, 403)
    assert not RewardEntry.objects.exists()
