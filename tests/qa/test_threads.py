"""Answer and reply refusals, revisions, staff notes, satisfaction, score history."""

import pytest
from django.urls import reverse

from qa import services
from qa.models import Answer, ProblemStatus, ScreeningStatus, Visibility
from tests.factories.qa import ProblemFactory
from tests.factories.stations import ExpertFactory

TEXT = "建议提高回流比。"


def post_answer(client, problem, **extra):
    return client.post(
        reverse("qa:answer_create", args=[problem.pk]), {"text": TEXT, **extra}
    )


@pytest.mark.django_db
def test_answers_to_problems_not_taking_them_are_refused(client, enterprise, expert):
    draft = services.problem_create(
        enterprise=enterprise,
        title="草稿",
        description="x",
        industry="other",
        region="changchun",
        tags=[],
        submit=False,
    )
    submitted = ProblemFactory(enterprise=enterprise, clerk=None)
    closed = ProblemFactory(enterprise=enterprise)
    services.problem_change_status(
        problem=closed, user=enterprise.user, to_status="closed", note="不需要了"
    )
    client.force_login(expert.user)
    for problem in (draft, submitted):
        assert post_answer(client, problem).status_code == 403
    assert post_answer(client, closed).status_code == 400
    assert "该难题目前不接受解答" in post_answer(client, closed).content.decode()
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_experts_only_problem_refuses_posts_from_those_who_cannot_see_it(
    client, enterprise, expert, clerk
):
    problem = ProblemFactory(enterprise=enterprise, visibility=Visibility.EXPERTS)
    answer = services.answer_create(problem=problem, user=expert.user, text="方案")
    services.answer_screen(answer=answer, user=clerk, approve=True, quality_score=4)
    outsider = ExpertFactory(status="pending").user
    client.force_login(outsider)
    assert post_answer(client, problem).status_code == 403
    response = client.post(
        reverse("qa:reply_create", args=[answer.pk]), {"text": "追问"}
    )
    assert response.status_code == 403
    assert Answer.objects.count() == 1


@pytest.mark.django_db
def test_junk_comment_fields_are_ignored_and_xtd_posting_is_not_mounted(
    client, problem, expert
):
    client.force_login(expert.user)
    post_answer(client, problem, content_type="auth.user", object_pk="abc")
    answer = Answer.objects.get()
    assert answer.content_type.model == "problem"
    assert answer.object_pk == str(problem.pk)
    # django-comments(-xtd)'s own posting views stay unreachable.
    for url in ["/comments/post/", "/comments/api/qa-problem/1/"]:
        response = client.post(
            url,
            {"content_type": "junk", "object_pk": "x", "comment": "绕过审核"},
        )
        assert response.status_code == 404
    assert Answer.objects.count() == 1


@pytest.mark.django_db
def test_too_deep_reply_is_a_clear_400(client, problem, expert, clerk):
    answer = services.answer_create(problem=problem, user=expert.user, text="方案")
    services.answer_screen(answer=answer, user=clerk, approve=True, quality_score=4)
    parent = answer
    for _ in range(3):
        parent = services.reply_create(
            parent=parent, user=problem.enterprise.user, text="追问"
        )
    client.force_login(problem.enterprise.user)
    response = client.post(
        reverse("qa:reply_create", args=[parent.pk]), {"text": "第4层"}
    )
    assert response.status_code == 400
    assert not Answer.objects.filter(comment="第4层").exists()


@pytest.mark.django_db
def test_revision_request_goes_back_to_the_expert_and_returns_to_the_queue(
    client, problem, expert, clerk
):
    answer = services.answer_create(problem=problem, user=expert.user, text="初稿")
    with pytest.raises(Exception, match="修改"):
        services.answer_screen(answer=answer, user=clerk, approve=False, revise=True)
    services.answer_screen(
        answer=answer, user=clerk, approve=False, revise=True, reason="请给出参数"
    )
    answer.refresh_from_db()
    assert answer.screening == ScreeningStatus.REVISION and not answer.is_public
    client.force_login(expert.user)
    assert "请给出参数" in client.get(problem.get_absolute_url()).content.decode()
    other = ExpertFactory().user
    client.force_login(other)
    client.post(reverse("qa:answer_revise", args=[answer.pk]), {"text": "篡改"})
    answer.refresh_from_db()
    assert answer.comment == "初稿"
    client.force_login(expert.user)
    client.post(reverse("qa:answer_revise", args=[answer.pk]), {"text": "回流比 200%"})
    answer.refresh_from_db()
    assert answer.comment == "回流比 200%"
    assert answer.screening == ScreeningStatus.PENDING


@pytest.mark.django_db
def test_bulk_screening_approves_selected_with_one_score(client, problem, clerk):
    experts = [ExpertFactory() for _ in range(3)]
    answers = [
        services.answer_create(problem=problem, user=e.user, text=f"方案{i}")
        for i, e in enumerate(experts)
    ]
    client.force_login(clerk)
    client.post(
        reverse("qa_screening:bulk"),
        {
            "bulk-selected": [answers[0].pk, answers[1].pk],
            "bulk-decision": "approve",
            "bulk-quality_score": "3",
        },
    )
    states = [Answer.objects.get(pk=a.pk) for a in answers]
    assert [a.screening for a in states] == ["approved", "approved", "pending"]
    assert [a.quality_score for a in states[:2]] == [3, 3]
    client.post(
        reverse("qa_screening:bulk"),
        {"bulk-selected": [answers[2].pk], "bulk-decision": "reject"},
    )
    assert Answer.objects.get(pk=answers[2].pk).screening == "pending"


@pytest.mark.django_db
def test_bulk_screening_is_staff_only(client, problem, expert):
    answer = services.answer_create(problem=problem, user=expert.user, text="方案")
    client.force_login(expert.user)
    client.post(
        reverse("qa_screening:bulk"),
        {"bulk-selected": [answer.pk], "bulk-decision": "approve",
         "bulk-quality_score": "5"},
    )  # fmt: skip
    assert Answer.objects.get().screening == "pending"


@pytest.mark.django_db
def test_staff_notes_are_seen_by_staff_only(client, problem, expert, clerk):
    answer = services.answer_create(problem=problem, user=expert.user, text="方案")
    services.answer_screen(
        answer=answer,
        user=clerk,
        approve=True,
        quality_score=4,
        staff_note="已电话核实",
    )
    client.force_login(clerk)
    assert "已电话核实" in client.get(problem.get_absolute_url()).content.decode()
    for user in (expert.user, problem.enterprise.user, None):
        if user:
            client.force_login(user)
        else:
            client.logout()
        assert (
            "已电话核实" not in client.get(problem.get_absolute_url()).content.decode()
        )
    client.force_login(expert.user)
    client.post(reverse("qa:answer_note", args=[answer.pk]), {"note": "改写"})
    assert Answer.objects.get().staff_note == "已电话核实"


@pytest.mark.django_db
def test_replies_unscreened_when_the_station_screens_answers_only(
    settings, problem, expert, clerk
):
    settings.QA_SCREEN_REPLIES = False
    answer = services.answer_create(problem=problem, user=expert.user, text="方案")
    assert answer.screening == ScreeningStatus.PENDING  # answers always screened
    services.answer_screen(answer=answer, user=clerk, approve=True, quality_score=4)
    follow = services.reply_create(
        parent=answer, user=problem.enterprise.user, text="追问"
    )
    reply = services.reply_create(parent=follow, user=expert.user, text="补充")
    assert reply.is_public and reply.screening == ScreeningStatus.APPROVED


@pytest.mark.django_db
def test_acceptance_keeps_satisfaction_and_comment(
    client, problem, expert, clerk, online_rule
):
    answer = services.answer_create(problem=problem, user=expert.user, text="方案")
    services.answer_screen(answer=answer, user=clerk, approve=True, quality_score=5)
    client.force_login(problem.enterprise.user)
    bad = client.post(
        reverse("qa:answer_accept", args=[answer.pk]), {"satisfaction": "9"}
    )
    assert bad.status_code == 400
    client.post(
        reverse("qa:answer_accept", args=[answer.pk]),
        {"satisfaction": "4", "comment": "效果明显"},
    )
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.SOLVED
    assert (problem.satisfaction, problem.satisfaction_comment) == (4, "效果明显")
    assert "效果明显" in client.get(problem.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_expert_sees_own_score_history_only(client, problem, expert, clerk):
    answer = services.answer_create(problem=problem, user=expert.user, text="方案")
    services.answer_screen(answer=answer, user=clerk, approve=True, quality_score=4)
    other = ExpertFactory()
    services.answer_create(problem=problem, user=other.user, text="别人的")
    url = reverse("qa_account:answers")
    assert url == "/accounts/answers/"
    client.force_login(expert.user)
    page = client.get(url)
    assert page.status_code == 200
    rows = page.context["page"].object_list
    assert [a.pk for a in rows] == [answer.pk]
    assert page.context["summary"]["average"] == 4
    assert problem.title in page.content.decode()
    client.force_login(problem.enterprise.user)
    assert client.get(url).status_code == 403
