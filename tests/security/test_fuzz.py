"""Hypothesis throws arbitrary input at the API and the search page: never a 5xx."""

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories.qa import ProblemFactory
from tests.factories.stations import EnterpriseFactory

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(max_size=300)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4)
    ),
    max_leaves=12,
)
problem_bodies = st.fixed_dictionaries(
    {},
    optional=dict.fromkeys(
        (
            "title",
            "description",
            "industry",
            "region",
            "tags",
            "urgency",
            "contact_channels",
            "visibility",
            "submit",
        ),
        json_values | text,
    ),
)
query_values = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80
)


@pytest.fixture
def world(db):
    problem = ProblemFactory(title="玉米烘干机节能改造")
    return {"problem": problem, "enterprise": EnterpriseFactory()}


def no_server_error(response):
    assert response.status_code < 500, response.content[:500]


@pytest.mark.django_db
@FUZZ
@given(body=problem_bodies | json_values)
def test_posting_any_json_as_a_problem_never_fails(world, body):
    client = Client()
    client.force_login(world["enterprise"].user)
    no_server_error(
        client.post(
            "/api/v3/problems/", json.dumps(body), content_type="application/json"
        )
    )


@pytest.mark.django_db
@FUZZ
@given(raw=st.binary(max_size=200))
def test_posting_any_bytes_to_the_api_never_fails(world, raw):
    client = Client()
    client.force_login(world["enterprise"].user)
    problem = world["problem"]
    for url in ("/api/v3/problems/", f"/api/v3/problems/{problem.pk}/answers/"):
        no_server_error(client.post(url, raw, content_type="application/json"))


@pytest.mark.django_db
@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(
            ["q", "tag", "industry", "region", "status", "limit", "offset", "year"]
        ),
        query_values,
        max_size=4,
    )
)
def test_reading_the_api_with_any_parameters_never_fails(world, params):
    client = Client()
    for url in (
        "/api/v3/problems/",
        f"/api/v3/problems/{world['problem'].pk}/",
        "/api/v3/tags/",
        "/api/v3/search/",
        "/api/v3/stats/public/",
    ):
        no_server_error(client.get(url, params))


@pytest.mark.django_db
@FUZZ
@given(q=query_values, kind=query_values, page=query_values)
def test_the_search_page_answers_any_query(world, q, kind, page):
    response = Client().get("/search/", {"q": q, "type": kind, "page": page})
    assert response.status_code == 200
