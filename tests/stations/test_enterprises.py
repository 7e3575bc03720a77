"""Enterprises: their station from their region, verification by that station's
staff (with a reason to withdraw it), the scoped admin list."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stations import services
from tests.factories.stations import EnterpriseFactory, credit_code

ENTERPRISES = "/admin/snippets/stations/enterprise/"


def _register(region: str, n: int = 900):
    return services.enterprise_register(
        username=f"ent{n}",
        password="correct-horse-battery",
        name="吉林市测试化工有限公司",
        credit_code=credit_code(n),
        contact_person="王经理",
        phone="13800000999",
        email=f"ent{n}@example.com",
        industry="petrochemical",
        region=region,
    )


def test_registration_takes_the_city_station_of_the_region(network):
    assert _register("jilin").station == network.jilin


def test_registration_falls_back_to_the_provincial_station(network):
    assert _register("yanbian", 901).station == network.province


def test_clerk_verifies_his_stations_enterprise(network):
    enterprise = EnterpriseFactory(station=network.jilin)
    services.enterprise_verify(enterprise=enterprise, actor=network.jilin_clerk)
    enterprise.refresh_from_db()
    assert enterprise.verified and enterprise.verified_by == network.jilin_clerk
    assert enterprise.verified_at is not None


def test_clerk_of_another_station_is_refused(network):
    enterprise = EnterpriseFactory(station=network.jilin)
    with pytest.raises(PermissionDenied):
        services.enterprise_verify(enterprise=enterprise, actor=network.siping_clerk)
    enterprise.refresh_from_db()
    assert not enterprise.verified


def test_non_staff_cannot_verify(network, expert):
    enterprise = EnterpriseFactory(station=network.jilin)
    with pytest.raises(PermissionDenied):
        services.enterprise_verify(enterprise=enterprise, actor=expert.user)


def test_withdrawing_needs_a_reason_and_keeps_it(network):
    enterprise = EnterpriseFactory(station=network.jilin, verified=True)
    with pytest.raises(ValidationError):
        services.enterprise_unverify(
            enterprise=enterprise, actor=network.jilin_clerk, reason="  "
        )
    services.enterprise_unverify(
        enterprise=enterprise, actor=network.director, reason="信用代码与营业执照不符"
    )
    enterprise.refresh_from_db()
    assert not enterprise.verified
    assert enterprise.unverified_reason == "信用代码与营业执照不符"


def test_admin_list_shows_only_the_clerks_stations(client, network):
    ours = EnterpriseFactory(station=network.county, name="永吉县甲公司")
    theirs = EnterpriseFactory(station=network.siping, name="四平乙公司")
    client.force_login(network.jilin_clerk)
    body = client.get(ENTERPRISES).content.decode()
    assert ours.name in body and theirs.name not in body
    client.force_login(network.director)
    body = client.get(ENTERPRISES).content.decode()
    assert ours.name in body and theirs.name in body


def test_admin_filters_and_exports(client, network):
    EnterpriseFactory(station=network.jilin, name="已核实公司", verified=True)
    EnterpriseFactory(station=network.siping, name="未核实公司")
    client.force_login(network.director)
    body = client.get(ENTERPRISES, {"verified": "true"}).content.decode()
    assert "已核实公司" in body and "未核实公司" not in body
    body = client.get(ENTERPRISES, {"station": network.siping.pk}).content.decode()
    assert "未核实公司" in body and "已核实公司" not in body
    csv = client.get(ENTERPRISES, {"export": "csv"})
    content = b"".join(csv.streaming_content).decode()
    assert "已核实公司" in content and "未核实公司" in content
    assert client.get(ENTERPRISES, {"export": "xlsx"}).status_code == 200


def test_admin_verify_and_withdraw_screens(client, network):
    enterprise = EnterpriseFactory(station=network.jilin)
    client.force_login(network.jilin_clerk)
    listing = client.get(ENTERPRISES).content.decode()
    assert f"{ENTERPRISES}verify/{enterprise.pk}/" in listing
    response = client.post(f"{ENTERPRISES}verify/{enterprise.pk}/")
    assert response.status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.verified
    client.post(f"{ENTERPRISES}unverify/{enterprise.pk}/", {"reason": ""})
    enterprise.refresh_from_db()
    assert enterprise.verified  # no reason: refused
    client.post(f"{ENTERPRISES}unverify/{enterprise.pk}/", {"reason": "企业已注销"})
    enterprise.refresh_from_db()
    assert not enterprise.verified


def test_clerk_of_another_station_cannot_open_or_verify(client, network):
    enterprise = EnterpriseFactory(station=network.jilin)
    client.force_login(network.siping_clerk)
    assert client.get(f"{ENTERPRISES}inspect/{enterprise.pk}/").status_code == 404
    assert client.post(f"{ENTERPRISES}verify/{enterprise.pk}/").status_code == 404
    enterprise.refresh_from_db()
    assert not enterprise.verified


def test_admin_search_keeps_the_station_scope(client, network):
    EnterpriseFactory(station=network.jilin, name="吉林化纤测试公司")
    EnterpriseFactory(station=network.siping, name="四平化纤测试公司")
    client.force_login(network.jilin_clerk)
    page = client.get(ENTERPRISES, {"q": "化纤", "verified": "false"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "吉林化纤测试公司" in body and "四平化纤测试公司" not in body
