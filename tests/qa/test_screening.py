import pytest
from django.urls import reverse

from qa import services
from qa.models import Answer, ProblemStatus, ScreeningStatus

QUEUE = reverse("qa_screening:queue")


@pytest.fixture
def answer(problem, expert):
    return services.answer_create(
        problem=problem,
        user=expert.user,
        text="更换为 IC 厌氧反应器可将去除率提高到 85%。",
    )


def decide(client, answer, **data):
    prefixed = {f"a{answer.pk}-{key}": value for key, value in data.items()}
    return client.post(reverse("qa_screening:decide", args=[answer.pk]), prefixed)


@pytest.mark.django_db
def test_clerk_sees_the_queue_and_approves_with_a_score(client, clerk, answer):
    client.force_login(clerk)
    page = client.get(QUEUE)
    assert page.status_code == 200
    assert "IC 厌氧反应器" in page.content.decode()
    decide(client, answer, decision="approve", quality_score="4")
    answer.refresh_from_db()
    assert answer.screening == ScreeningStatus.APPROVED
    assert answer.is_public and answer.quality_score == 4
    assert answer.screened_by == clerk
    assert answer.problem.status == ProblemStatus.ANSWERED
    client.logout()
    public_page = client.get(answer.problem.get_absolute_url()).content.decode()
    assert "IC 厌氧反应器" in public_page


@pytest.mark.django_db
def test_approval_needs_a_score_and_rejection_a_reason(client, clerk, answer):
    client.force_login(clerk)
    decide(client, answer, decision="approve")
    decide(client, answer, decision="reject", reason="")
    answer.refresh_from_db()
    assert answer.screening == ScreeningStatus.PENDING
    decide(client, answer, decision="reject", reason="答非所问")
    answer.refresh_from_db()
    assert answer.screening == ScreeningStatus.REJECTED
    assert not answer.is_public
    assert answer.rejection_reason == "答非所问"
    assert answer.problem.status == ProblemStatus.OPEN


@pytest.mark.django_db
def test_a_wrong_form_says_which_field_is_wrong(client, clerk, answer):
    client.force_login(clerk)
    response = decide(client, answer, decision="approve", quality_score="9")
    shown = " ".join(str(m) for m in response.wsgi_request._messages)
    assert "质量评分" in shown and "请选择通过或退回" not in shown
    answer.refresh_from_db()
    assert answer.screening == ScreeningStatus.PENDING


@pytest.mark.django_db
def test_screening_twice_is_refused(clerk, answer):
    services.answer_screen(answer=answer, user=clerk, approve=True, quality_score=5)
    with pytest.raises(Exception, match="已经"):
        services.answer_screen(answer=answer, user=clerk, approve=False, reason="x")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["enterprise", "expert", "anonymous"])
def test_others_cannot_screen(client, answer, who):
    if who == "enterprise":
        client.force_login(answer.problem.enterprise.user)
    elif who == "expert":
        client.force_login(answer.user)
    queue = client.get(QUEUE)
    assert queue.status_code in (302, 403)
    decide(client, answer, decision="approve", quality_score="5")
    answer = Answer.objects.get(pk=answer.pk)
    assert answer.screening == ScreeningStatus.PENDING
