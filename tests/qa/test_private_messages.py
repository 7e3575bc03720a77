"""Private messages about a problem; contact details only after consent (Art. 9)."""

import pytest
from django.urls import reverse

from qa.models import Notification, PrivateMessage
from tests.factories.stations import EnterpriseFactory, ExpertFactory


def url(problem, expert=None):
    base = reverse("qa:conversation", args=[problem.pk])
    return f"{base}?expert={expert.user.pk}" if expert else base


@pytest.mark.django_db
def test_expert_writes_enterprise_replies_and_contacts_follow_consent(
    client, problem, expert
):
    enterprise = problem.enterprise
    client.force_login(expert.user)
    client.post(url(problem), {"text": "可否提供进水水质化验单？"})
    message = PrivateMessage.objects.get()
    assert message.expert == expert.user
    assert Notification.objects.filter(
        recipient=enterprise.user, event="private_message"
    ).exists()
    page = client.get(url(problem)).content.decode()
    assert "可否提供进水水质化验单？" in page
    assert enterprise.phone not in page  # no contact details before consent

    client.force_login(enterprise.user)
    overview = client.get(url(problem)).content.decode()
    assert expert.real_name in overview
    client.post(url(problem, expert), {"text": "已发送", "expert": expert.user.pk})
    assert PrivateMessage.objects.filter(sender=enterprise.user).count() == 1
    assert expert.phone not in client.get(url(problem, expert)).content.decode()
    client.post(url(problem, expert), {"share": "1", "expert": expert.user.pk})
    assert expert.phone in client.get(url(problem, expert)).content.decode()

    client.force_login(expert.user)
    assert enterprise.phone in client.get(url(problem)).content.decode()


@pytest.mark.django_db
def test_outsiders_cannot_read_or_write(client, problem, expert, pending_expert):
    client.force_login(expert.user)
    client.post(url(problem), {"text": "私信"})
    for intruder in (pending_expert.user, EnterpriseFactory().user):
        client.force_login(intruder)
        assert client.get(url(problem, expert)).status_code in (403, 404)
        client.post(url(problem, expert), {"text": "偷看", "expert": expert.user.pk})
    assert PrivateMessage.objects.count() == 1


@pytest.mark.django_db
def test_enterprise_cannot_write_first_to_an_uninvolved_expert(client, problem):
    stranger = ExpertFactory()
    client.force_login(problem.enterprise.user)
    response = client.post(
        url(problem, stranger), {"text": "你好", "expert": stranger.user.pk}
    )
    assert response.status_code == 403
    assert not PrivateMessage.objects.exists()
