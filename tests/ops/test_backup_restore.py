"""`manage.py backup` and `manage.py restore`: a round trip loses nothing."""

import io
import json
import shutil
import tarfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image

from qa.models import Problem, ProblemAttachment
from qa.services.attachments import attachment_add
from stations.models import Enterprise, User
from tests.factories.qa import ProblemFactory


@pytest.fixture
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.QA_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(buffer, "PNG")
    return buffer.getvalue()


def content():
    problem = ProblemFactory(title="玉米烘干塔节能改造难题")
    attachment = attachment_add(
        problem=problem,
        user=problem.enterprise.user,
        upload=SimpleUploadedFile("烘干塔.png", png(), content_type="image/png"),
    )
    return problem, attachment


def archive_in(folder):
    (archive,) = folder.glob("xunjie-*.tar.gz")
    return archive


@pytest.mark.django_db(transaction=True)
def test_round_trip_brings_back_database_files_and_search(roots, tmp_path):
    problem, attachment = content()
    stored = attachment.file.path
    counts = {
        "users": User.objects.count(),
        "enterprises": Enterprise.objects.count(),
        "problems": Problem.objects.count(),
    }
    out = io.StringIO()
    call_command("backup", output=tmp_path / "backups", stdout=out)
    archive = archive_in(tmp_path / "backups")
    assert "备份" in out.getvalue()  # progress in Chinese

    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    dump = "db.sqlite3" if connection.vendor == "sqlite" else "db.dump"
    assert f"database/{dump}" in names
    assert any(n.startswith("private/") and n.endswith(".png") for n in names)
    assert manifest["counts"]["qa.Problem"] == 1
    assert ["qa", "0001_initial"] in manifest["migrations"]
    assert manifest["versions"]["django"].startswith("5.2")

    # the disaster: every row and every uploaded file gone
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(roots.QA_PRIVATE_MEDIA_ROOT)
    assert not User.objects.exists()

    call_command("restore", str(archive), stdout=io.StringIO())
    assert {
        "users": User.objects.count(),
        "enterprises": Enterprise.objects.count(),
        "problems": Problem.objects.count(),
    } == counts
    restored = Problem.objects.get(pk=problem.pk)
    assert restored.title == "玉米烘干塔节能改造难题"
    assert restored.enterprise.name == problem.enterprise.name
    copy = ProblemAttachment.objects.get(pk=attachment.pk)
    assert copy.file.path == stored
    with open(stored, "rb") as file:
        assert file.read() == png()
    # the index was rebuilt from the restored rows
    assert [p.pk for p in Problem.objects.search("烘干塔")] == [problem.pk]


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_to_overwrite_accounts_without_force(roots, tmp_path):
    problem, _attachment = content()
    call_command("backup", output=tmp_path, stdout=io.StringIO())
    archive = archive_in(tmp_path)
    Problem.objects.filter(pk=problem.pk).update(title="备份之后改过的标题")
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert Problem.objects.get(pk=problem.pk).title == "备份之后改过的标题"
    call_command("restore", str(archive), force=True, stdout=io.StringIO())
    assert Problem.objects.get(pk=problem.pk).title == "玉米烘干塔节能改造难题"


@pytest.mark.django_db
def test_restore_refuses_what_is_not_a_backup(tmp_path):
    fake = tmp_path / "xunjie-fake.tar.gz"
    with tarfile.open(fake, "w:gz") as tar:
        data = b"hello"
        info = tarfile.TarInfo("notes.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="不是寻解的备份"):
        call_command("restore", str(fake), stdout=io.StringIO())


@pytest.mark.django_db
def test_restore_refuses_a_backup_of_a_newer_version(tmp_path):
    manifest = {
        "format": 1,
        "database": connection.vendor,
        "migrations": [["qa", "9999_from_the_future"]],
    }
    archive = tmp_path / "xunjie-newer.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="更新的版本"):
        call_command("restore", str(archive), stdout=io.StringIO())
