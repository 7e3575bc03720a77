"""A form or API request sent twice (double click, reload, retry) writes once.

Forms carry a hidden submission key, API clients an `Idempotency-Key` header;
the repeat is answered with the first result and nothing is written again.
"""

import re

import pytest
from django.urls import reverse

from ops.models import Submission
from ops.submissions import FIELD
from qa.models import Answer, Problem
from tests.qa.test_api import API, bearer
from tests.qa.test_views_problem import CREATE, problem_data

KEY = re.compile(rf'name="{FIELD}" value="([0-9a-f-]{{36}})"')


def form_key(client, url) -> str:
    return KEY.search(client.get(url).content.decode()).group(1)


@pytest.mark.django_db
def test_problem_form_sent_twice_creates_one_problem(client, enterprise):
    client.force_login(enterprise.user)
    key = form_key(client, CREATE)
    first = client.post(CREATE, {**problem_data(), FIELD: key})
    again = client.post(CREATE, {**problem_data(), FIELD: key}, follow=True)
    problem = Problem.objects.get()
    assert first.url == problem.get_absolute_url()
    assert again.redirect_chain[-1][0] == problem.get_absolute_url()
    assert "已经提交过" in again.content.decode()
    # A fresh form (a new key) is a new problem.
    client.post(CREATE, {**problem_data(), FIELD: form_key(client, CREATE)})
    assert Problem.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_form_does_not_use_up_its_key(client, enterprise):
    client.force_login(enterprise.user)
    key = form_key(client, CREATE)
    bad = client.post(CREATE, {**problem_data(title=""), FIELD: key})
    assert bad.status_code == 200 and not Problem.objects.exists()
    assert not Submission.objects.exists()
    client.post(CREATE, {**problem_data(), FIELD: key})
    assert Problem.objects.count() == 1


@pytest.mark.django_db
def test_an_over_long_key_is_refused_in_chinese(client, enterprise):
    client.force_login(enterprise.user)
    response = client.post(CREATE, {**problem_data(), FIELD: "k" * 65})
    assert response.status_code == 200
    assert "提交标识过长" in response.content.decode()
    assert not Problem.objects.exists()


@pytest.mark.django_db
def test_answer_and_reply_forms_sent_twice_store_one_message(
    client, problem, expert, clerk
):
    from qa import services

    client.force_login(expert.user)
    key = form_key(client, problem.get_absolute_url())
    url = reverse("qa:answer_create", args=[problem.pk])
    for _ in range(2):
        assert client.post(url, {"text": "方案", FIELD: key}).status_code == 302
    answer = Answer.objects.get()
    services.answer_screen(answer=answer, user=clerk, approve=True, quality_score=4)
    client.force_login(problem.enterprise.user)
    page = client.get(problem.get_absolute_url()).content.decode()
    reply_key = KEY.findall(page)[-1]
    reply_url = reverse("qa:reply_create", args=[answer.pk])
    for _ in range(2):
        client.post(reply_url, {"text": "谢谢，请问投加量？", FIELD: reply_key})
    assert Answer.objects.filter(parent_id=answer.pk, level=1).count() == 1
    # The same key on another problem's answer form is another action.
    assert Submission.objects.filter(user=expert.user).count() == 1


@pytest.mark.django_db
def test_api_retries_with_one_idempotency_key_write_once(
    client, enterprise, problem, expert
):
    body = {
        "title": "API 重试的难题",
        "description": "描述",
        "industry": "grain",
        "region": "changchun",
        "tags": [],
    }
    post = lambda url, data, user, key: client.post(  # noqa: E731
        url, data, content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key, **bearer(user),
    )  # fmt: skip
    first = post(f"{API}/problems/", body, enterprise.user, "retry-1")
    again = post(f"{API}/problems/", body, enterprise.user, "retry-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Problem.objects.filter(title="API 重试的难题").count() == 1
    url = f"{API}/problems/{problem.pk}/answers/"
    answers = [post(url, {"text": "方案"}, expert.user, "a-1") for _ in range(2)]
    assert [r.status_code for r in answers] == [201, 200]
    assert Answer.objects.count() == 1
    too_long = post(url, {"text": "方案"}, expert.user, "x" * 65)
    assert too_long.status_code == 400 and "提交标识过长" in too_long.json()["detail"]
    assert Answer.objects.count() == 1


@pytest.mark.django_db
def test_keys_are_forgotten_after_30_days(enterprise):
    import datetime
    import io

    from django.core.management import call_command
    from django.utils import timezone

    from ops.submissions import submit_once

    for key in ("old", "new"):
        submit_once(
            user=enterprise.user,
            action="test",
            key=key,
            write=lambda: enterprise,
        )
    Submission.objects.filter(key="old").update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    out = io.StringIO()
    call_command("forget_submissions", stdout=out)
    assert "1 submission key(s) forgotten" in out.getvalue()
    assert list(Submission.objects.values_list("key", flat=True)) == ["new"]
