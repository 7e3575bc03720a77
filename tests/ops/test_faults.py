"""Faults degrade with a clear message and recover; nothing is lost.

Mail server down, SMS gateway timing out, search index deleted or corrupted,
upload disk full.
"""

import errno
import http.server
import io
import shutil
import threading
import time
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.search.backends import get_search_backend

from qa import services
from qa.models import Delivery, NotificationPreference, Problem, ProblemAttachment
from qa.sms import HttpSmsBackend
from tests.factories.qa import ProblemFactory, clerk_user
from tests.factories.stations import ExpertFactory
from tests.qa.test_attachments import png_bytes


@pytest.fixture
def opened(django_capture_on_commit_callbacks, enterprise):
    """Open a submitted problem as the clerk does; after-commit sends run."""

    def run():
        problem = ProblemFactory(enterprise=enterprise, clerk=None)
        with django_capture_on_commit_callbacks(execute=True):
            services.problem_check(problem=problem, clerk=clerk_user(), approve=True)
        problem.refresh_from_db()
        return problem

    return run


@pytest.mark.django_db
def test_mail_server_down_keeps_the_mail_and_sends_it_later(settings, opened):
    expert = ExpertFactory(expertise=["污水处理"])
    settings.EMAIL_BACKEND = "tests.ops.failing_smtp.Backend"
    problem = opened()
    assert problem.status == "open"  # the clerk's action went through
    delivery = Delivery.objects.get(channel="email")
    assert delivery.status == "failed"
    assert "closed" in delivery.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_notifications", stdout=io.StringIO())
    delivery.refresh_from_db()
    assert delivery.status == "sent"
    assert [m.to for m in mail.outbox] == [[expert.user.email]]


class SlowGateway(http.server.BaseHTTPRequestHandler):
    """An SMS gateway that hangs while `slow` is set, else accepts."""

    slow = threading.Event()
    received: list[bytes] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.slow.is_set():
            time.sleep(1.0)  # keep the client waiting past its timeout
            return
        self.received.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings, monkeypatch):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowGateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.QA_SMS_BACKEND = "qa.sms.HttpSmsBackend"
    settings.QA_SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
    monkeypatch.setattr(HttpSmsBackend, "timeout", 0.2)
    SlowGateway.received.clear()
    yield SlowGateway
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_sms_gateway_timeout_keeps_the_text_and_sends_it_later(gateway, opened):
    expert = ExpertFactory(expertise=["污水处理"], phone="13912345678")
    NotificationPreference.objects.create(user=expert.user, channels=["sms"])
    gateway.slow.set()
    problem = opened()
    assert problem.status == "open"
    delivery = Delivery.objects.get(channel="sms")
    assert delivery.status == "failed"
    assert "timed out" in delivery.last_error
    gateway.slow.clear()
    call_command("send_notifications", stdout=io.StringIO())
    delivery.refresh_from_db()
    assert delivery.status == "sent"
    assert b"13912345678" in gateway.received[0]


@pytest.fixture
def index(settings, tmp_path, db):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.whoosh", "PATH": str(tmp_path / "ix")}
    }
    return get_search_backend()


def search_page(client, query):
    response = client.get(reverse("search:search"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("damage", ["deleted", "corrupted"])
def test_search_survives_a_lost_index_and_recovers_by_rebuild(client, index, damage):
    problem = ProblemFactory(title="锅炉水垢清洗难题")
    assert problem.get_absolute_url() in search_page(client, "锅炉")
    if damage == "deleted":
        shutil.rmtree(index.store.path)
    else:
        for toc in Path(index.store.path).glob("*.toc"):
            toc.write_bytes(b"not an index")
        index.store.recover()
    search_page(client, "锅炉")  # answers, never a 500
    call_command("rebuild_modelsearch_index", verbosity=0)
    assert problem.get_absolute_url() in search_page(client, "锅炉")


REBUILDING = "搜索索引正在重建"


@pytest.mark.django_db
@pytest.mark.parametrize("damage", ["deleted", "corrupted"])
def test_a_lost_index_is_announced_and_refilled_on_its_own(
    client, index, damage, monkeypatch
):
    from config.caching import generation
    from search import health

    started = []
    monkeypatch.setattr(health, "start_refill", started.append)
    problem = ProblemFactory(title="锅炉水垢清洗难题")
    page = search_page(client, "锅炉")
    assert problem.get_absolute_url() in page and REBUILDING not in page
    if damage == "deleted":
        shutil.rmtree(index.store.path)
    else:
        for toc in Path(index.store.path).glob("*.toc"):
            toc.write_bytes(b"not an index")
        index.store.recover()
    # The index changed, so the verdict is asked again at once.
    response = client.get(reverse("search:search"), {"q": "锅炉"})
    page = response.content.decode()
    assert REBUILDING in page and problem.get_absolute_url() not in page
    assert response["Cache-Control"] == "no-store"  # never kept by the page cache
    assert [backend.store.path for backend in started] == [index.store.path]
    search_page(client, "锅炉")
    assert len(started) == 1  # one refill, not one per request
    before = generation()
    assert health.refill(index)  # what the background thread runs
    assert generation() != before  # pages cached meanwhile are dropped
    page = search_page(client, "锅炉")
    assert problem.get_absolute_url() in page and REBUILDING not in page


@pytest.mark.django_db(transaction=True)
def test_the_refill_runs_beside_the_request(index):
    from search import health

    problem = ProblemFactory(title="锅炉水垢清洗难题")
    shutil.rmtree(index.store.path)
    index.store.recover()
    assert health.index_shortfall(index) == ["qa.Problem"]
    health.start_refill(index).join(timeout=60)
    assert health.index_shortfall(index) == []
    assert [p.pk for p in index.search("锅炉", Problem)] == [problem.pk]


@pytest.mark.django_db
def test_full_upload_disk_is_a_clear_error_and_saves_nothing(
    client, settings, tmp_path, monkeypatch, problem
):
    settings.QA_PRIVATE_MEDIA_ROOT = tmp_path / "private"

    def disk_full(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    client.force_login(problem.enterprise.user)
    response = client.post(
        reverse("qa:attachment_upload", args=[problem.pk]),
        {"file": SimpleUploadedFile("图.png", png_bytes(), content_type="image/png")},
    )
    assert response.status_code == 400
    assert "文件未能保存" in response.content.decode()
    assert not ProblemAttachment.objects.exists()
    assert Problem.objects.get(pk=problem.pk).title == problem.title
