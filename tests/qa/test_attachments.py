"""Attachments: checked by content, size and pixels; sent only to allowed readers."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from qa.models import ProblemAttachment, Visibility
from tests.factories.qa import ProblemFactory
from tests.factories.stations import EnterpriseFactory


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.QA_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.QA_PRIVATE_MEDIA_ROOT


def png_bytes(width=4, height=3) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge size (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 10))
        + chunk(b"IEND", b"")
    )


def upload(client, problem, name, content, content_type="application/octet-stream"):
    return client.post(
        reverse("qa:attachment_upload", args=[problem.pk]),
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


@pytest.mark.django_db
def test_chinese_named_image_is_kept_and_sent_as_an_attachment(
    client, problem, private_root
):
    client.force_login(problem.enterprise.user)
    assert upload(client, problem, "设备照片.png", png_bytes()).status_code == 302
    attachment = ProblemAttachment.objects.get()
    assert attachment.original_name == "设备照片.png"
    assert attachment.content_type == "image/png"
    assert "设备照片" not in attachment.file.name  # unique storage name
    assert (private_root / attachment.file.name).exists()
    upload(client, problem, "设备照片.png", png_bytes())
    names = ProblemAttachment.objects.values_list("file", flat=True)
    assert len(set(names)) == 2
    client.logout()
    response = client.get(reverse("qa:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%E8%AE%BE%E5%A4%87%E7%85%A7%E7%89%87.png" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bomb.png", png_claiming(20000, 20000), "图片太大"),
        ("wide.png", png_claiming(10000, 5000), "图片太大"),
        ("report.pdf", b"<html><script>alert(1)</script></html>", "不符"),
        ("photo.jpg", b"just some text, not a picture", "不符"),
        ("drawing.png", SVG, "不符"),
        ("drawing.svg", SVG, "只能"),
        ("<img src=x onerror=1>.png", png_bytes(), "文件名"),
        ("setup.exe", b"MZ\x90\x00", "只能"),
    ],
)
def test_dangerous_or_fake_files_are_a_clear_400(
    client, problem, name, content, message
):
    client.force_login(problem.enterprise.user)
    response = upload(client, problem, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProblemAttachment.objects.exists()


@pytest.mark.django_db
def test_size_limit(client, settings, problem):
    settings.QA_ATTACHMENT_MAX_BYTES = 1000
    client.force_login(problem.enterprise.user)
    response = upload(client, problem, "big.pdf", PDF + b" " * 2000)
    assert response.status_code == 400
    assert not ProblemAttachment.objects.exists()


@pytest.mark.django_db
def test_only_the_owner_uploads_and_only_readers_download(client, enterprise, expert):
    problem = ProblemFactory(enterprise=enterprise, visibility=Visibility.EXPERTS)
    client.force_login(EnterpriseFactory().user)
    assert upload(client, problem, "a.pdf", PDF).status_code == 403
    client.force_login(enterprise.user)
    assert upload(client, problem, "工艺说明.pdf", PDF).status_code == 302
    url = reverse("qa:attachment", args=[ProblemAttachment.objects.get().pk])
    client.logout()
    assert client.get(url).status_code == 404
    client.force_login(EnterpriseFactory().user)
    assert client.get(url).status_code == 404
    client.force_login(expert.user)
    assert client.get(url).status_code == 200
    api = client.get(f"/api/v3/problems/{problem.pk}/").json()
    assert [(f["name"], f["url"]) for f in api["attachments"]] == [
        ("工艺说明.pdf", url)
    ]


def test_the_shared_upload_check_applies_each_callers_own_limits(settings):
    """Expert documents use the same check with fewer types and a smaller size."""
    from django.core.exceptions import ValidationError

    from qa.services.attachments import ALLOWED_TYPES, upload_check

    settings.QA_ATTACHMENT_MAX_BYTES = 10_000
    pdf_only = {".pdf": ALLOWED_TYPES[".pdf"]}
    image = png_bytes()
    assert upload_check(SimpleUploadedFile("照片.png", image)) == (
        "照片.png",
        "image/png",
    )
    with pytest.raises(ValidationError) as refused:
        upload_check(
            SimpleUploadedFile("照片.png", image),
            allowed_types=pdf_only,
            type_error="只收 PDF",
        )
    assert refused.value.messages == ["只收 PDF"]
    with pytest.raises(ValidationError) as refused:
        upload_check(SimpleUploadedFile("照片.png", image), max_bytes=len(image) - 1)
    assert refused.value.code == "size"
    with pytest.raises(ValidationError) as refused:
        upload_check(SimpleUploadedFile("假的.pdf", image), allowed_types=pdf_only)
    assert refused.value.code == "content"
