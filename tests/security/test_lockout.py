"""Five wrong passwords lock one username from one address for 15 minutes."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories.stations import PASSWORD, UserFactory

SITE_LOGIN = reverse("login")
ADMIN_LOGIN = reverse("wagtailadmin_login")


def fail(client, url, username, times, ip="10.0.0.1"):
    responses = [
        client.post(url, {"username": username, "password": "wrong"}, REMOTE_ADDR=ip)
        for _ in range(times)
    ]
    return responses[-1]


@pytest.mark.django_db
@pytest.mark.parametrize("url", [SITE_LOGIN, ADMIN_LOGIN])
def test_fifth_failure_locks_the_account_with_a_chinese_page(client, axes_on, url):
    user = UserFactory(is_staff=True, is_superuser=True)
    assert fail(client, url, user.username, 4).status_code == 200
    locked = fail(client, url, user.username, 1)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "登录已暂停" in page and "15" in page
    assert locked["Retry-After"] == str(15 * 60)
    # even the right password is refused while locked
    right = client.post(
        url, {"username": user.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_is_per_username_and_address(client, axes_on):
    user, other = UserFactory(), UserFactory()
    fail(client, SITE_LOGIN, user.username, 5)
    # the same person from another address, and another account, still sign in
    elsewhere = client.post(
        SITE_LOGIN,
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
    )
    assert elsewhere.status_code == 302
    client.logout()
    colleague = client.post(
        SITE_LOGIN,
        {"username": other.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert colleague.status_code == 302


@pytest.mark.django_db
def test_lock_expires_after_fifteen_minutes(client, axes_on):
    user = UserFactory()
    fail(client, SITE_LOGIN, user.username, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = client.post(
        SITE_LOGIN,
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_staff_unlock_with_a_command(client, axes_on):
    user = UserFactory()
    fail(client, SITE_LOGIN, user.username, 5)
    call_command("axes_reset_username", user.username)
    response = client.post(
        SITE_LOGIN,
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_proxy_header_gives_each_visitor_their_own_lock(client, axes_on):
    axes_on.XUNJIE_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    user = UserFactory()
    for _ in range(5):
        client.post(
            SITE_LOGIN,
            {"username": user.username, "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP="203.0.113.9",
        )
    # the same proxy, another visitor: not locked
    response = client.post(
        SITE_LOGIN,
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_REAL_IP="203.0.113.10",
    )
    assert response.status_code == 302
