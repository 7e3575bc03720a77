"""有问有答 (Art. 8): the unanswered queue and the daily chase."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from qa import services
from qa.models import Notification, Problem
from tests.factories.qa import ProblemFactory
from tests.factories.stations import ExpertFactory


def age(problem, days):
    Problem.objects.filter(pk=problem.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )


@pytest.mark.django_db
def test_queue_lists_unanswered_oldest_first_with_matching_experts(
    client, clerk, enterprise, expert
):
    matching = ExpertFactory(expertise=["污水处理"], real_name="赵水处理")
    newer = ProblemFactory(enterprise=enterprise, title="较新的难题")
    older = ProblemFactory(enterprise=enterprise, title="较早的难题")
    age(older, 5)
    answered = ProblemFactory(enterprise=enterprise, title="已有解答的难题")
    answer = services.answer_create(problem=answered, user=expert.user, text="方案")
    services.answer_screen(answer=answer, user=clerk, approve=True, quality_score=3)
    client.force_login(clerk)
    page = client.get(reverse("qa_unanswered:queue")).content.decode()
    assert page.index(older.title) < page.index(newer.title)
    assert answered.title not in page
    assert matching.real_name in page


@pytest.mark.django_db
def test_queue_is_staff_only(client, expert):
    client.force_login(expert.user)
    assert client.get(reverse("qa_unanswered:queue")).status_code in (302, 403)


@pytest.mark.django_db
def test_chase_escalates_and_reannounces_once_a_day(clerk, enterprise, settings):
    settings.QA_UNANSWERED_DAYS = 3
    matching = ExpertFactory(expertise=["污水处理"])
    old = ProblemFactory(enterprise=enterprise)
    age(old, 4)
    recent = ProblemFactory(enterprise=enterprise)
    age(recent, 1)
    call_command("chase_unanswered")
    chased = Notification.objects.filter(event__in=["escalated", "unanswered"])
    assert set(chased.values_list("problem_id", flat=True)) == {old.pk}
    assert chased.filter(event="escalated", recipient=clerk).count() == 1
    assert chased.filter(event="unanswered", recipient=matching.user).count() == 1
    before = chased.count()
    call_command("chase_unanswered")
    assert chased.count() == before
