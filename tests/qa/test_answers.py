import pytest
from django.urls import reverse

from qa import services
from qa.models import Answer, ScreeningStatus
from tests.factories.stations import ExpertFactory

ANSWER_TEXT = "建议在 UASB 前增加调节池并控制进水 pH 在 6.8–7.2 之间。"


def post_answer(client, problem, text=ANSWER_TEXT):
    return client.post(reverse("qa:answer_create", args=[problem.pk]), {"text": text})


@pytest.mark.django_db
def test_verified_expert_answer_waits_for_screening(client, problem, expert):
    client.force_login(expert.user)
    assert post_answer(client, problem).status_code == 302
    answer = Answer.objects.get()
    assert answer.screening == ScreeningStatus.PENDING
    assert not answer.is_public
    assert answer.problem == problem
    assert answer.user_name == expert.real_name
    # Visible to its author, marked as waiting; invisible to the public.
    assert ANSWER_TEXT in client.get(problem.get_absolute_url()).content.decode()
    client.logout()
    assert ANSWER_TEXT not in client.get(problem.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_unverified_expert_cannot_answer(client, problem, pending_expert):
    client.force_login(pending_expert.user)
    assert post_answer(client, problem).status_code == 403
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_enterprise_cannot_answer(client, problem):
    client.force_login(problem.enterprise.user)
    assert post_answer(client, problem).status_code == 403
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_anonymous_answer_goes_to_login(client, problem):
    response = post_answer(client, problem)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_empty_answer_stores_nothing(client, problem, expert):
    client.force_login(expert.user)
    post_answer(client, problem, text="   ")
    assert not Answer.objects.exists()


def approved_answer(problem, expert, clerk):
    answer = services.answer_create(problem=problem, user=expert.user, text="答复")
    return services.answer_screen(
        answer=answer, user=clerk, approve=True, quality_score=4
    )


@pytest.mark.django_db
def test_thread_enterprise_follow_up_and_expert_clarification(
    client, problem, expert, clerk
):
    answer = approved_answer(problem, expert, clerk)
    client.force_login(problem.enterprise.user)
    client.post(
        reverse("qa:reply_create", args=[answer.pk]), {"text": "调节池需要多大？"}
    )
    follow_up = Answer.objects.get(parent_id=answer.pk, level=1)
    assert follow_up.is_public  # the enterprise's own follow-up needs no screening
    client.force_login(expert.user)
    client.post(
        reverse("qa:reply_create", args=[follow_up.pk]), {"text": "按 8 小时水量设计。"}
    )
    clarification = Answer.objects.get(parent_id=follow_up.pk)
    assert clarification.level == 2
    assert clarification.thread_id == answer.pk
    assert clarification.screening == ScreeningStatus.PENDING
    client.logout()
    page = client.get(problem.get_absolute_url()).content.decode()
    assert "调节池需要多大？" in page
    assert "按 8 小时水量设计。" not in page


@pytest.mark.django_db
def test_outsiders_cannot_reply(client, problem, expert, clerk):
    answer = approved_answer(problem, expert, clerk)
    bystander = ExpertFactory()
    client.force_login(bystander.user)
    response = client.post(
        reverse("qa:reply_create", args=[answer.pk]), {"text": "路过"}
    )
    assert response.status_code == 403
    assert Answer.objects.count() == 1


@pytest.mark.django_db
def test_reply_deeper_than_the_thread_limit_is_refused(client, problem, expert, clerk):
    parent = approved_answer(problem, expert, clerk)
    client.force_login(problem.enterprise.user)
    for depth in range(1, 5):
        client.post(
            reverse("qa:reply_create", args=[parent.pk]), {"text": f"第{depth}层"}
        )
        latest = Answer.objects.order_by("-pk").first()
        if latest.pk == parent.pk:
            break
        parent = latest
    assert Answer.objects.order_by("-level").first().level == 3
    assert not Answer.objects.filter(comment="第4层").exists()
