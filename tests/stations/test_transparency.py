import pytest
from django.utils import timezone

from stations import excellent, rewards
from tests.factories.stations import ExpertFactory, UserFactory
from tests.stations.conftest import at

YEAR = 2025


@pytest.fixture
def year_of_work(db, rules, director, expert, post, answer, accept):
    expert.expertise.set(["污水处理"])
    problem = post(at(YEAR, 2, 3, 9))
    reply = answer(problem, expert, at(YEAR, 2, 3, 13), screened=at(YEAR, 2, 3, 15))
    accept(reply, at(YEAR, 2, 5, 9))
    post(at(YEAR, 3, 1, 9))
    [entry] = expert.reward_entries.all()
    rewards.reward_entries_approve(entries=[entry], actor=director)
    excellent.excellent_list_approve(year=YEAR, actor=director)
    return expert


def test_public_api_gives_the_years_figures(client, year_of_work):
    response = client.get("/api/v3/stats/public/", {"year": YEAR})
    assert response.status_code == 200
    data = response.json()
    assert data["problems"] == {
        "posted": 2,
        "answered": 1,
        "solved": 1,
        "solved_online": 1,
        "solved_on_site": 0,
        "solved_fair": 0,
    }
    assert data["median_hours_to_first_answer"] == 4.0
    assert data["experts_by_field"] == [{"field": "污水处理", "experts": 1}]
    granted = {row["kind"]: row for row in data["rewards"]}
    assert granted["online"]["count"] == 1 and granted["online"]["total"] == "50.00"
    # the excellent line is pending the director's approval, so not yet granted
    assert granted["excellent"]["count"] == 0
    assert data["excellent_experts"][0]["name"] == year_of_work.real_name
    assert [m["posted"] for m in data["monthly"]][:3] == [0, 1, 1]
    assert "expert_id" not in str(data)


@pytest.mark.parametrize("bad", ["abc", "2013", str(timezone.now().year + 1), "2025.5"])
def test_public_api_refuses_a_bad_year_with_400_json(client, db, bad):
    response = client.get("/api/v3/stats/public/", {"year": bad})
    assert response.status_code == 400
    assert response.json()


def test_public_api_defaults_to_this_year(client, db):
    response = client.get("/api/v3/stats/public/")
    assert response.json()["year"] == timezone.localdate().year


def test_transparency_page_shows_figures_and_list(client, year_of_work):
    response = client.get("/transparency/", {"year": YEAR})
    assert response.status_code == 200
    assert year_of_work.real_name in response.content.decode()


def test_transparency_page_explains_a_bad_year(client, db):
    response = client.get("/transparency/", {"year": "next"})
    assert response.status_code == 400
    assert "2014" in response.content.decode()


def test_expert_sees_only_his_own_rewards(client, rules, year_of_work):
    other = ExpertFactory()
    client.force_login(year_of_work.user)
    page = client.get("/accounts/rewards/").content.decode()
    assert "50.00" in page
    client.force_login(other.user)
    page = client.get("/accounts/rewards/").content.decode()
    assert "50.00" not in page


def test_rewards_page_needs_login(client, db):
    response = client.get("/accounts/rewards/")
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(UserFactory())
    assert client.get("/accounts/rewards/").status_code == 200


def test_public_stats_are_in_the_one_openapi_schema(client, db):
    paths = client.get("/api/v3/openapi.json").json()["paths"]
    assert "/api/v3/stats/public/" in paths
