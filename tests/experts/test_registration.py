import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from experts.models import ExpertApplication
from experts.services.registration import CONSENT_VERSION
from qa.models import Channel, Frequency, NotificationPreference
from stations.models import ExpertProfile, User
from tests.factories.experts import pdf_upload, png_upload
from tests.factories.stations import PASSWORD

REGISTER = reverse("experts:register")


def form_data(**overrides):
    data = {
        "username": "wangjiaoshou",
        "password": PASSWORD,
        "real_name": "王建国",
        "organisation": "吉林农业大学",
        "organisation_type": "university",
        "department": "食品科学与工程学院",
        "title": "教授",
        "expertise": "玉米深加工、发酵工程",
        "industries": ["grain", "tcm"],
        "biography": "长期从事粮食深加工研究。",
        "phone": "13912345678",
        "email": "wang@example.edu.cn",
        "channels": [Channel.SITE, Channel.SMS],
        "frequency": Frequency.DAILY,
        "consent": "on",
        "documents": [pdf_upload(), png_upload()],
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.django_db
def test_an_expert_registers_and_sees_the_pending_page(client):
    response = client.post(REGISTER, form_data(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("experts:application")
    page = response.content.decode()
    assert "待审核" in page  # the status, in Chinese
    expert = ExpertProfile.objects.get(user__username="wangjiaoshou")
    assert expert.status == ExpertProfile.Status.PENDING
    assert not expert.user.is_verified_expert
    assert sorted(expert.expertise.names()) == sorted(["玉米深加工", "发酵工程"])
    assert expert.industries == ["grain", "tcm"]
    application = ExpertApplication.objects.get(expert=expert)
    assert application.consent_version == CONSENT_VERSION
    assert "真实有效" in application.consent_text  # the text, as agreed
    assert application.consented_at is not None
    documents = list(application.documents.order_by("pk"))
    assert [d.content_type for d in documents] == ["application/pdf", "image/png"]
    preference = NotificationPreference.objects.get(user=expert.user)
    assert preference.channels == [Channel.SITE, Channel.SMS]
    assert preference.frequency == Frequency.DAILY


@pytest.mark.django_db
def test_the_applicant_can_download_his_document_and_others_cannot(client, enterprise):
    client.post(REGISTER, form_data())
    document = ExpertApplication.objects.get().documents.first()
    url = reverse("experts:document", args=[document.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(enterprise.user)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"consent": None}, "必需字段"),
        ({"documents": []}, "必需字段"),
        ({"phone": "12345"}, "手机"),
        ({"expertise": "，、"}, "专业领域"),
        ({"expertise": "发酵、" + "长" * 51}, "标签最多 50 个字符"),
        ({"expertise": "、".join(f"领域{n}" for n in range(11))}, "最多使用 10 个标签"),
    ],
)
def test_incomplete_applications_are_refused_in_chinese(client, overrides, message):
    response = client.post(REGISTER, form_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(username="wangjiaoshou").exists()


@pytest.mark.django_db
def test_a_document_whose_content_is_not_its_type_saves_nothing(client):
    fake = SimpleUploadedFile("证书.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(REGISTER, form_data(documents=[pdf_upload(), fake]))
    assert response.status_code == 200
    assert "文件内容与其类型" in response.content.decode()
    assert not User.objects.filter(username="wangjiaoshou").exists()
    assert not ExpertApplication.objects.exists()


@pytest.mark.django_db
def test_office_files_and_oversized_documents_are_refused(client, settings):
    docx = SimpleUploadedFile("简历.docx", b"PK\x03\x04 zip", "application/zip")
    response = client.post(REGISTER, form_data(documents=[docx]))
    assert "PDF、JPG 或 PNG" in response.content.decode()
    big = SimpleUploadedFile(
        "大.pdf", pdf_upload().read() + b"0" * (5 * 1024 * 1024), "application/pdf"
    )
    response = client.post(REGISTER, form_data(documents=[big]))
    assert "文件太大" in response.content.decode()
    assert not ExpertProfile.objects.exists()
    assert not mail.outbox


@pytest.mark.django_db
def test_a_taken_user_name_is_refused(client, expert):
    response = client.post(REGISTER, form_data(username=expert.user.username))
    assert "该用户名已被使用" in response.content.decode()
    assert ExpertProfile.objects.count() == 1


@pytest.mark.django_db
def test_an_expert_without_an_application_files_consent_and_documents(
    client, pending_expert
):
    client.force_login(pending_expert.user)
    url = reverse("experts:application")
    refused = client.post(url, {"documents": [pdf_upload()]})
    assert "必需字段" in refused.content.decode()
    assert not ExpertApplication.objects.exists()
    client.post(url, {"documents": [pdf_upload()], "consent": "on"})
    application = ExpertApplication.objects.get(expert=pending_expert)
    assert application.documents.count() == 1
    assert application.consent_version == CONSENT_VERSION
