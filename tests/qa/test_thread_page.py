"""The answer thread on the problem page, as each reader sees it."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from qa import services
from stations.models import ExpertProfile
from tests.factories.stations import ExpertFactory


def thread_on_page(client, problem):
    page = BeautifulSoup(client.get(problem.get_absolute_url()).content, "html.parser")
    return page.find("section", attrs={"aria-labelledby": "answers-h"})


def message(thread, answer):
    return thread.find("article", id=f"answer-{answer.pk}")


def approved(problem, expert, clerk, text="提高回流比。"):
    answer = services.answer_create(problem=problem, user=expert.user, text=text)
    return services.answer_screen(
        answer=answer, user=clerk, approve=True, quality_score=4
    )


@pytest.mark.django_db
def test_visitors_see_screened_messages_nested_under_their_answer(
    client, problem, expert, clerk
):
    answer = approved(problem, expert, clerk)
    follow_up = services.reply_create(
        parent=answer, user=problem.enterprise.user, text="回流比多少合适？"
    )
    services.answer_create(problem=problem, user=ExpertFactory().user, text="未核查")
    thread = thread_on_page(client, problem)
    first = message(thread, answer)
    meta = first.find("p", class_="meta").get_text()
    assert expert.organisation in meta and "解答" in meta
    profile = first.find("a", href=reverse("experts:profile", args=[expert.pk]))
    assert profile.get_text() == answer.user_name
    nested = first.find_next_sibling("div", class_="thread")
    reply = message(nested, follow_up)
    assert "回流比多少合适？" in reply.get_text()
    assert "追问/补充" in reply.find("p", class_="meta").get_text()
    assert reply.find("a") is None  # an enterprise has no profile to link to
    assert "未核查" not in thread.get_text()
    assert thread.find("form") is None  # visitors get no per-message actions


@pytest.mark.django_db
def test_names_link_to_profiles_of_verified_experts_only(
    client, problem, expert, clerk
):
    answer = approved(problem, expert, clerk)
    ExpertProfile.objects.filter(pk=expert.pk).update(
        status=ExpertProfile.Status.SUSPENDED
    )
    first = message(thread_on_page(client, problem), answer)
    assert first.find("a") is None
    assert answer.user_name in first.get_text()
    assert expert.organisation in first.get_text()


@pytest.mark.django_db
def test_authors_see_their_unscreened_answer_with_its_state(client, problem, expert):
    answer = services.answer_create(problem=problem, user=expert.user, text="初稿")
    client.force_login(expert.user)
    mine = message(thread_on_page(client, problem), answer)
    assert "pending" in mine["class"]
    assert "待核查" in mine.find("span", class_="status").get_text()


@pytest.mark.django_db
def test_the_accepted_answer_is_marked(client, problem, expert, clerk, online_rule):
    answer = approved(problem, expert, clerk)
    other = approved(problem, ExpertFactory(), clerk, text="换填料。")
    services.answer_accept(answer=answer, user=problem.enterprise.user)
    thread = thread_on_page(client, problem)
    assert "accepted" in message(thread, answer)["class"]
    assert "已采纳的解决方案" in message(thread, answer).get_text()
    assert "accepted" not in message(thread, other)["class"]


@pytest.mark.django_db
def test_reply_forms_stop_at_the_deepest_level(client, problem, expert, clerk):
    owner = problem.enterprise.user
    chain = [approved(problem, expert, clerk)]
    for depth in range(1, 4):
        chain.append(
            services.reply_create(parent=chain[-1], user=owner, text=f"第{depth}层")
        )
    client.force_login(owner)
    thread = thread_on_page(client, problem)
    for answer in chain[:-1]:
        form = message(thread, answer).find(
            "form", action=reverse("qa:reply_create", args=[answer.pk])
        )
        assert form is not None
    assert message(thread, chain[-1]).find("form") is None
