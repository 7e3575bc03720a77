"""Public pages: the organisation directory and the on-site records in accounts."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from servicedesk.models import OnSiteService, RecordStatus
from servicedesk.services import onsite_report
from tests.factories.servicedesk import (
    CityStationFactory,
    ServiceOrganisationFactory,
    problem_at,
)
from tests.factories.stations import EnterpriseFactory, ExpertFactory

pytestmark = pytest.mark.django_db


def test_the_directory_shows_active_organisations_by_region_and_pages():
    from django.test import Client

    client = Client()
    ServiceOrganisationFactory(name="长春检测中心", region="changchun")
    ServiceOrganisationFactory(name="吉林节能中心", region="jilin")
    ServiceOrganisationFactory(name="停用机构", active=False)
    page = client.get(reverse("servicedesk:organisation_list"))
    assert "长春检测中心" in page.text and "吉林节能中心" in page.text
    assert "停用机构" not in page.text
    page = client.get(reverse("servicedesk:organisation_list") + "?region=jilin")
    assert "吉林节能中心" in page.text and "长春检测中心" not in page.text
    for _n in range(25):
        ServiceOrganisationFactory(region="baishan")
    first = client.get(reverse("servicedesk:organisation_list") + "?region=baishan")
    assert first.text.count('class="card"') == 20
    second = client.get(
        reverse("servicedesk:organisation_list") + "?region=baishan&page=2"
    )
    assert second.text.count('class="card"') == 5


def test_the_directory_has_an_empty_state(client):
    page = client.get(reverse("servicedesk:organisation_list"))
    assert "没有符合条件的服务机构" in page.text


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="PNG")
    return SimpleUploadedFile("现场.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def problem():
    return problem_at(CityStationFactory())


def test_an_expert_reports_from_the_problem_page(client, expert, problem):
    client.force_login(expert.user)
    url = reverse("servicedesk:onsite_report", args=[problem.pk])
    assert "登记上门服务" in client.get(problem.get_absolute_url()).text
    response = client.post(
        url,
        {
            "service_date": (timezone.localdate() - datetime.timedelta(days=1)),
            "place": "车间",
            "work_done": "现场调试",
            "files": [_png()],
        },
    )
    assert response.status_code == 302
    service = OnSiteService.objects.get()
    assert service.expert == expert
    assert service.evidence.count() == 1


def test_an_unverified_expert_is_refused(client, pending_expert, problem):
    client.force_login(pending_expert.user)
    url = reverse("servicedesk:onsite_report", args=[problem.pk])
    response = client.post(
        url, {"service_date": timezone.localdate(), "place": "x", "work_done": "y"}
    )
    assert response.status_code == 403
    assert not OnSiteService.objects.exists()


@pytest.fixture
def service(expert, problem):
    return onsite_report(
        problem=problem,
        user=expert.user,
        service_date=timezone.localdate(),
        place="车间",
        work_done="调试",
        files=[_png()],
    )


def test_the_enterprise_confirms_in_its_account(client, service):
    owner = service.problem.enterprise.user
    client.force_login(owner)
    assert service.problem.title in client.get(reverse("servicedesk:onsite_mine")).text
    url = reverse("servicedesk:onsite_answer", args=[service.pk])
    assert client.post(url, {"answer": "confirm"}).status_code == 302
    service.refresh_from_db()
    assert service.status == RecordStatus.CONFIRMED


def test_another_enterprise_cannot_answer(client, service):
    client.force_login(EnterpriseFactory().user)
    url = reverse("servicedesk:onsite_answer", args=[service.pk])
    assert client.post(url, {"answer": "confirm"}).status_code == 403
    service.refresh_from_db()
    assert service.status == RecordStatus.REPORTED


def test_a_dispute_needs_a_reason(client, service):
    client.force_login(service.problem.enterprise.user)
    url = reverse("servicedesk:onsite_answer", args=[service.pk])
    assert client.post(url, {"answer": "dispute", "reason": ""}).status_code == 400
    client.post(url, {"answer": "dispute", "reason": "未到场"})
    service.refresh_from_db()
    assert (service.status, service.dispute_reason) == ("disputed", "未到场")


def test_evidence_goes_to_the_expert_and_the_enterprise_only(client, service):
    url = reverse("servicedesk:evidence_download", args=[service.evidence.get().pk])
    assert client.get(url).status_code == 404
    client.force_login(ExpertFactory().user)
    assert client.get(url).status_code == 404
    for user in (service.expert.user, service.problem.enterprise.user):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
