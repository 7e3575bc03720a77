import pytest
from django.urls import reverse

from stations.models import Enterprise, User
from tests.factories.stations import credit_code

URL = reverse("enterprise_register")


def form_data(**overrides):
    data = {
        "username": "yumi",
        "password": "a-long-pass-phrase-2026",
        "name": "长春玉米生化有限公司",
        "credit_code": credit_code(42),
        "size": "small",
        "industry": "grain",
        "region": "changchun",
        "contact_person": "张经理",
        "phone": "13800001234",
        "email": "yumi@example.com",
        "consent": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_enterprise_registers_and_is_logged_in(client):
    response = client.post(URL, form_data())
    assert response.status_code == 302
    assert response.url == reverse("qa:problem_create")
    enterprise = Enterprise.objects.get()
    assert enterprise.name == "长春玉米生化有限公司"
    assert enterprise.user.username == "yumi"
    assert client.get(reverse("qa:problem_create")).status_code == 200


@pytest.mark.django_db
def test_wrong_check_character_is_refused_in_chinese(client):
    code = credit_code(42)
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    response = client.post(URL, form_data(credit_code=wrong))
    assert response.status_code == 200
    assert "校验码" in response.content.decode()
    assert not Enterprise.objects.exists()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_short_credit_code_gets_one_message(client):
    response = client.post(URL, form_data(credit_code="abc"))
    errors = response.context["form"].errors["credit_code"]
    assert errors == ["统一社会信用代码为 18 位。"]
    assert not Enterprise.objects.exists()


@pytest.mark.django_db
def test_duplicate_credit_code_is_refused(client, enterprise):
    response = client.post(URL, form_data(credit_code=enterprise.credit_code))
    assert response.status_code == 200
    assert Enterprise.objects.count() == 1


@pytest.mark.django_db
def test_bad_phone_and_missing_consent_are_refused(client):
    data = form_data(phone="12345")
    del data["consent"]
    response = client.post(URL, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"phone", "consent"}
    assert not User.objects.exists()
