import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from knowledge.selectors import station_counters
from qa import services as qa_services
from qa.models import Answer, Problem
from tests.factories.qa import ProblemFactory
from tests.factories.stations import ExpertFactory


def _set_status(problem, status):
    Problem.objects.filter(pk=problem.pk).update(status=status)


@pytest.mark.django_db
def test_counters_of_an_empty_station_are_zero():
    counters = station_counters()
    assert counters.experts == 0
    assert counters.problems == 0
    assert counters.solved_share == Decimal("0.0")
    assert counters.answers_this_month == 0


@pytest.mark.django_db
def test_counters_count_only_what_the_public_sees(clerk):
    ExpertFactory()
    ExpertFactory(status="pending")
    solved, open_, draft = ProblemFactory(), ProblemFactory(), ProblemFactory()
    _set_status(solved, "solved")
    _set_status(open_, "open")
    _set_status(draft, "draft")
    expert = ExpertFactory()

    approved = qa_services.answer_create(problem=open_, user=expert.user, text="答1")
    qa_services.answer_screen(
        answer=approved, user=clerk, approve=True, quality_score=4
    )
    qa_services.answer_create(problem=open_, user=expert.user, text="待核查的解答")
    old = qa_services.answer_create(problem=solved, user=expert.user, text="上月")
    qa_services.answer_screen(answer=old, user=clerk, approve=True, quality_score=3)
    last_month = timezone.localtime().replace(day=1) - datetime.timedelta(days=3)
    Answer.objects.filter(pk=old.pk).update(submit_date=last_month)

    counters = station_counters()
    assert counters.experts == 2  # verified only
    assert counters.problems == 2  # the draft is not public
    assert counters.solved == 1
    assert counters.solved_share == Decimal("50.0")
    assert counters.answers_this_month == 1  # screened, this month


@pytest.mark.django_db
def test_home_page_shows_the_counters_and_the_free_statement(tree, client):
    ExpertFactory()
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["stats"].experts == 1
    assert "不收取任何费用" in response.content.decode()  # all services are free
