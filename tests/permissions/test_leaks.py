"""What each role may read on a page it is allowed to open (issue 8): hidden
company names, unscreened answers, experts' contact details, other stations'
visitor records."""

import pytest
from django.urls import reverse

from tests.permissions.world import (
    EXPERT_PHONE,
    HIDDEN_NAME,
    ROLES,
    UNSCREENED,
    build_world,
)

STAFF_HERE = {"clerk_here", "director", "superuser"}


@pytest.fixture
def world(db):
    return build_world()


def _text(client, world, role, url) -> str:
    client.logout()
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, (role, url, response.status_code)
    return response.content.decode()


def test_hidden_company_name_only_for_the_enterprise_and_staff(client, world):
    for role in ROLES:
        _hidden_name_check(client, world, role)


def _hidden_name_check(client, world, role):
    page = _text(
        client, world, role, reverse("qa:problem_detail", args=[world.hidden.pk])
    )
    api = _text(
        client,
        world,
        role,
        reverse("wagtailapi_v3:problem_detail", kwargs={"problem_id": world.hidden.pk}),
    )
    if role not in {"owner", "clerk_here", "clerk_other", "director", "superuser"}:
        assert HIDDEN_NAME not in page
        assert HIDDEN_NAME not in api


def test_unscreened_answer_hidden_from_the_public(client, world):
    for role in ROLES:
        _unscreened_check(client, world, role)


def _unscreened_check(client, world, role):
    page = _text(
        client, world, role, reverse("qa:problem_detail", args=[world.problem.pk])
    )
    api = _text(
        client,
        world,
        role,
        reverse(
            "wagtailapi_v3:problem_detail", kwargs={"problem_id": world.problem.pk}
        ),
    )
    assert UNSCREENED not in api
    if role not in {"clerk_here", "clerk_other", "director", "superuser"}:
        assert UNSCREENED not in page


def test_expert_contact_details_never_public(client, world):
    for role in ROLES:
        _contact_check(client, world, role)


def _contact_check(client, world, role):
    for url in (
        reverse("experts:profile", args=[world.expert.pk]),
        reverse("qa:problem_detail", args=[world.problem.pk]),
        reverse(
            "wagtailapi_v3:problem_detail", kwargs={"problem_id": world.problem.pk}
        ),
        reverse("appointments:verify_number", args=[world.letter.number]),
    ):
        text = _text(client, world, role, url)
        assert EXPERT_PHONE not in text, (role, url)
        assert world.expert.email not in text, (role, url)


def test_visitor_records_of_another_station_stay_out_of_the_list(client, world):
    url = reverse("wagtailsnippets_servicedesk_visit:list")
    assert world.visit.topic in _text(client, world, "clerk_here", url)
    assert world.visit.topic not in _text(client, world, "clerk_other", url)


def test_reward_entries_only_for_their_expert_and_the_director(client, world):
    mine = _text(client, world, "expert", reverse("my_rewards"))
    assert world.solved.title in mine
    for role in ("owner", "pending_expert", "clerk_here"):
        assert world.solved.title not in _text(
            client, world, role, reverse("my_rewards")
        )
    ledger = reverse("wagtailsnippets_stations_rewardentry:list")
    assert world.expert.real_name in _text(client, world, "director", ledger)
