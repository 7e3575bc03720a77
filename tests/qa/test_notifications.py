"""Notifications: who is told of what, on which channel, once; failures retried."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from qa import notifications, services
from qa.announcements import experts_invite
from qa.models import Delivery, Notification, NotificationPreference
from tests.factories.qa import ProblemFactory, clerk_user
from tests.factories.stations import ExpertFactory


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the after-commit sends as a real request would."""

    def run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return run


def events_of(user):
    return sorted(
        Notification.objects.filter(recipient=user).values_list("event", flat=True)
    )


@pytest.mark.django_db
def test_opening_tells_the_matching_experts_once(on_commit, enterprise):
    matching = ExpertFactory(expertise=["污水处理"])
    unrelated = ExpertFactory(expertise=["光学镀膜"])
    pending = ExpertFactory(status="pending", expertise=["污水处理"])
    problem = ProblemFactory(enterprise=enterprise, clerk=None)
    clerk = clerk_user()
    on_commit(services.problem_check, problem=problem, clerk=clerk, approve=True)
    assert events_of(matching.user) == ["new_problem"]
    assert events_of(unrelated.user) == []
    assert events_of(pending.user) == []
    assert events_of(clerk) == []  # nobody is told of their own action
    assert [m.to for m in mail.outbox] == [[matching.user.email]]
    assert "污水处理难题" in mail.outbox[0].subject  # in Chinese, with the title
    assert "新难题" in mail.outbox[0].subject
    from qa.announcements import announce_problem_opened

    on_commit(announce_problem_opened, problem=problem, actor=clerk)
    assert Notification.objects.filter(recipient=matching.user).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_screening_and_acceptance_tell_expert_and_enterprise(
    on_commit, problem, expert, clerk, online_rule
):
    answer = services.answer_create(problem=problem, user=expert.user, text="方案")
    on_commit(
        services.answer_screen, answer=answer, user=clerk, approve=True, quality_score=4
    )
    assert "answer_approved" in events_of(expert.user)
    assert "new_answer" in events_of(problem.enterprise.user)
    reply = on_commit(
        services.reply_create, parent=answer, user=problem.enterprise.user, text="追问"
    )
    assert "reply" in events_of(expert.user)
    assert "reply" not in events_of(problem.enterprise.user)
    assert reply.is_public
    on_commit(services.answer_accept, answer=answer, user=problem.enterprise.user)
    assert "accepted" in events_of(expert.user)


@pytest.mark.django_db
def test_rejection_reason_reaches_the_expert(on_commit, problem, expert, clerk):
    answer = services.answer_create(problem=problem, user=expert.user, text="广告")
    on_commit(
        services.answer_screen,
        answer=answer,
        user=clerk,
        approve=False,
        reason="含广告",
    )
    notification = Notification.objects.get(recipient=expert.user)
    assert notification.event == "answer_rejected"
    assert notification.body == "含广告"
    assert "含广告" in mail.outbox[-1].body


@pytest.mark.django_db
def test_a_failing_mail_server_breaks_nothing_and_is_retried(
    client, settings, problem, expert, clerk, django_capture_on_commit_callbacks
):
    answer = services.answer_create(problem=problem, user=expert.user, text="方案")
    settings.EMAIL_BACKEND = "tests.qa.failing_mail.Backend"
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("qa_screening:decide", args=[answer.pk]),
            {f"a{answer.pk}-decision": "approve", f"a{answer.pk}-quality_score": "5"},
        )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.screening == "approved"
    failed = Delivery.objects.filter(channel="email", status="failed")
    assert failed.count() == 2  # the expert's approval, the enterprise's new answer
    assert "refused" in failed.first().last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_notifications")
    assert not Delivery.objects.exclude(status="sent").exists()
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_daily_digest_collects_messages_into_one_mail(on_commit, problem, clerk):
    expert = ExpertFactory()
    NotificationPreference.objects.create(
        user=expert.user, channels=["site", "email"], frequency="daily"
    )
    for text in ("方案一", "方案二"):
        answer = services.answer_create(problem=problem, user=expert.user, text=text)
        on_commit(
            services.answer_screen, answer=answer, user=clerk, approve=True,
            quality_score=3,
        )  # fmt: skip
    assert not [m for m in mail.outbox if expert.user.email in m.to]
    call_command("send_notifications", "--digest")
    digests = [m for m in mail.outbox if expert.user.email in m.to]
    assert len(digests) == 1
    assert "2" in digests[0].subject
    call_command("send_notifications", "--digest")
    assert len([m for m in mail.outbox if expert.user.email in m.to]) == 1


@pytest.mark.django_db
def test_sms_goes_through_the_configured_backend(
    on_commit, settings, caplog, enterprise
):
    expert = ExpertFactory(expertise=["污水处理"], phone="13912345678")
    NotificationPreference.objects.create(user=expert.user, channels=["sms"])
    problem = ProblemFactory(enterprise=enterprise, clerk=None)
    with caplog.at_level("INFO", logger="qa.sms"):
        on_commit(
            services.problem_check, problem=problem, clerk=clerk_user(), approve=True
        )
    assert "13912345678" in caplog.text
    assert "【寻解】您所在领域的新难题" in caplog.text  # signed once, in Chinese
    assert "【寻解】【寻解】" not in caplog.text
    assert Delivery.objects.get(channel="sms").status == "sent"
    assert not Delivery.objects.filter(channel="site").exists()  # not chosen
    settings.QA_SMS_BACKEND = "qa.sms.HttpSmsBackend"
    settings.QA_SMS_GATEWAY_URL = ""
    other = ProblemFactory(enterprise=enterprise, clerk=None)
    on_commit(services.problem_check, problem=other, clerk=clerk_user(), approve=True)
    failed = Delivery.objects.get(channel="sms", notification__problem=other)
    assert failed.status == "failed" and "QA_SMS_GATEWAY_URL" in failed.last_error


@pytest.mark.django_db
def test_inbox_shows_own_messages_and_marks_them_read(client, problem, expert, clerk):
    answer = services.answer_create(problem=problem, user=expert.user, text="方案")
    services.answer_screen(answer=answer, user=clerk, approve=True, quality_score=4)
    inbox = reverse("qa_account:inbox")
    client.force_login(expert.user)
    page = client.get(inbox)
    assert problem.title in page.content.decode()
    assert notifications.inbox_unread_count(user=expert.user) == 1
    client.force_login(ExpertFactory().user)
    assert problem.title not in client.get(inbox).content.decode()
    client.post(reverse("qa_account:inbox_read"))  # someone else's "all"
    assert notifications.inbox_unread_count(user=expert.user) == 1
    client.force_login(expert.user)
    client.post(reverse("qa_account:inbox_read"))
    assert notifications.inbox_unread_count(user=expert.user) == 0
    assert client.get(inbox).status_code == 200


@pytest.mark.django_db
def test_users_choose_channels_and_frequency(client, expert):
    client.force_login(expert.user)
    url = reverse("qa_account:inbox_settings")
    assert client.get(url).status_code == 200
    client.post(url, {"channels": ["site", "sms"], "frequency": "daily"})
    preference = NotificationPreference.objects.get(user=expert.user)
    assert preference.channels == ["site", "sms"]
    assert preference.frequency == "daily"
    client.post(url, {"channels": ["fax"], "frequency": "hourly"})
    preference.refresh_from_db()
    assert preference.channels == ["site", "sms"]
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.django_db
def test_staff_invite_chosen_experts(client, clerk, problem):
    chosen = ExpertFactory()
    pending = ExpertFactory(status="pending")
    client.force_login(clerk)
    client.post(
        reverse("qa_unanswered:invite", args=[problem.pk]),
        {"experts": [chosen.pk, pending.pk]},
    )
    assert events_of(chosen.user) == ["invited"]
    assert events_of(pending.user) == []
    with pytest.raises(Exception, match="工作人员"):
        experts_invite(problem=problem, experts=[chosen], user=chosen.user)


@pytest.mark.django_db
def test_hostile_markdown_is_inert_in_e_mails(on_commit, enterprise):
    ExpertFactory(expertise=["污水处理"])
    problem = ProblemFactory(
        enterprise=enterprise,
        clerk=None,
        description="[点我](javascript:alert(1)) <script>alert(1)</script>"
        "<img src=x onerror=alert(1)>",
    )
    on_commit(services.problem_check, problem=problem, clerk=clerk_user(), approve=True)
    body = mail.outbox[0].body.lower()
    assert "点我" in body
    assert "javascript:" not in body
    assert "<script" not in body and "onerror" not in body


@pytest.mark.django_db
def test_only_the_top_matching_experts_are_told(on_commit, settings, enterprise):
    settings.QA_MATCHING_EXPERTS = 1
    best = ExpertFactory(expertise=["污水处理", "玉米深加工"])
    partial = ExpertFactory(expertise=["污水处理"])
    problem = ProblemFactory(enterprise=enterprise, clerk=None)
    on_commit(services.problem_check, problem=problem, clerk=clerk_user(), approve=True)
    assert events_of(best.user) == ["new_problem"]
    assert events_of(partial.user) == []


@pytest.mark.django_db
def test_deliveries_are_listed_for_admins(client, problem, expert, clerk):
    from tests.factories.stations import UserFactory

    answer = services.answer_create(problem=problem, user=expert.user, text="方案")
    services.answer_screen(answer=answer, user=clerk, approve=True, quality_score=4)
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get(reverse("qa_deliveries:index"))
    assert response.status_code == 200
    assert problem.title in response.content.decode()
    client.force_login(expert.user)
    assert client.get(reverse("qa_deliveries:index")).status_code in (302, 403)
