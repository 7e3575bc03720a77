"""Enterprises edit until the first answer; afterwards they append updates."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from qa import services
from qa.models import ProblemUpdate
from tests.factories.stations import ExpertFactory


def edit(client, problem, **overrides):
    data = {
        "title": "改：玉米淀粉废水处理",
        "description": "补充：进水 pH 4.5。",
        "industry": "grain",
        "region": "changchun",
        "urgency": "high",
        "visibility": "public",
        "contact_channels": ["site", "sms"],
        "tags": "污水处理",
    }
    data.update(overrides)
    return client.post(reverse("qa:problem_edit", args=[problem.pk]), data)


@pytest.mark.django_db
def test_owner_edits_an_unanswered_problem(client, problem):
    client.force_login(problem.enterprise.user)
    assert edit(client, problem).status_code == 302
    problem.refresh_from_db()
    assert problem.title == "改：玉米淀粉废水处理"
    assert problem.urgency == "high"
    assert problem.contact_channels == ["site", "sms"]
    assert list(problem.tags.names()) == ["污水处理"]


@pytest.mark.django_db
def test_others_cannot_edit(client, problem):
    client.force_login(ExpertFactory().user)
    assert edit(client, problem).status_code == 403
    problem.refresh_from_db()
    assert problem.title != "改：玉米淀粉废水处理"


@pytest.mark.django_db
def test_after_an_answer_changes_are_appended_as_updates(
    client, problem, expert, clerk
):
    answer = services.answer_create(problem=problem, user=expert.user, text="方案")
    services.answer_screen(answer=answer, user=clerk, approve=True, quality_score=3)
    problem.refresh_from_db()
    original_title = problem.title
    with pytest.raises(ValidationError):
        services.problem_edit(problem=problem, user=problem.enterprise.user, title="x")
    client.force_login(problem.enterprise.user)
    edit(client, problem)  # the edit form's fields are ignored now
    problem.refresh_from_db()
    assert problem.title == original_title
    client.post(
        reverse("qa:problem_edit", args=[problem.pk]),
        {"text": "补充：已按建议加调节池"},
    )
    assert ProblemUpdate.objects.get(problem=problem).text == "补充：已按建议加调节池"
    client.logout()
    assert (
        "补充：已按建议加调节池"
        in client.get(problem.get_absolute_url()).content.decode()
    )
