import datetime
import io

import pytest
from openpyxl import load_workbook

from stations import reports, rewards
from stations.models import RewardEntry, RewardRule
from tests.factories.qa import ProblemFactory
from tests.factories.stations import UserFactory
from tests.stations.conftest import at

LEDGER = "/admin/snippets/stations/rewardentry/"


@pytest.fixture
def entries(online_rule, expert, enterprise):
    return [
        rewards.reward_entry_record(
            expert=expert,
            kind="online",
            problem=ProblemFactory(enterprise=enterprise),
            event_date=datetime.date(2026, month, 10),
        )
        for month in (3, 4)
    ]


def test_director_sees_ledger_with_filters_and_totals(client, director, entries):
    client.force_login(director)
    page = client.get(LEDGER, {"month": 3})
    assert page.status_code == 200
    body = page.content.decode()
    assert "50.00" in body
    [row] = page.context["ledger_totals"]
    assert row["status"] == "pending" and row["count"] == 1
    assert row["total"] == entries[0].amount


def test_ledger_has_no_add_or_edit(client, entries):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(LEDGER + "add/").status_code in (302, 403)
    assert client.get(LEDGER + f"edit/{entries[0].pk}/").status_code in (302, 403)
    assert client.get(LEDGER + f"delete/{entries[0].pk}/").status_code in (302, 403)
    assert RewardEntry.objects.count() == 2


def test_ledger_exports_csv_and_xlsx(client, director, entries):
    client.force_login(director)
    csv = client.get(LEDGER, {"export": "csv"})
    assert csv.status_code == 200
    assert entries[0].expert.real_name in b"".join(csv.streaming_content).decode()
    xlsx = client.get(LEDGER, {"export": "xlsx"})
    assert xlsx.status_code == 200


def test_bulk_approve_then_mark_paid(client, director, entries):
    client.force_login(director)
    url = "/admin/bulk/stations/rewardentry/{action}/?" + "&".join(
        f"id={e.pk}" for e in entries
    )
    paid_too_early = client.post(url.format(action="pay_reward"))
    assert paid_too_early.status_code in (200, 302)
    assert not RewardEntry.objects.filter(status="paid").exists()
    client.post(url.format(action="approve_reward"))
    assert RewardEntry.objects.filter(status="approved").count() == 2
    client.post(url.format(action="pay_reward"))
    assert RewardEntry.objects.filter(status="paid").count() == 2


def test_clerk_cannot_bulk_approve(client, clerk, entries):
    client.force_login(clerk)
    url = f"/admin/bulk/stations/rewardentry/approve_reward/?id={entries[0].pk}"
    client.post(url)
    assert RewardEntry.objects.filter(status="pending").count() == 2


def test_reports_admin_lists_details_and_exports(
    client, director, expert, post, answer
):
    problem = post(at(2026, 11, 2, 9))
    answer(problem, expert, at(2026, 11, 2, 12), screened=at(2026, 11, 2, 13))
    created = reports.run_due_reports(now=at(2026, 12, 3, 12))
    monthly = next(r for r in created if r.kind == "monthly")
    client.force_login(director)
    assert client.get("/admin/reports/stats/").status_code == 200
    detail = client.get(f"/admin/reports/stats/{monthly.pk}/")
    assert detail.status_code == 200
    assert expert.real_name in detail.content.decode()
    csv = client.get(f"/admin/reports/stats/{monthly.pk}/export/csv/")
    assert expert.real_name in csv.content.decode("utf-8-sig")
    xlsx = client.get(f"/admin/reports/stats/{monthly.pk}/export/xlsx/")
    book = load_workbook(io.BytesIO(xlsx.content))
    assert len(book.sheetnames) == 2
    assert (
        client.get(f"/admin/reports/stats/{monthly.pk}/export/pdf/").status_code == 404
    )


def test_reports_admin_flags_a_missed_run(client, director, post):
    post(at(2020, 1, 2, 9))
    client.force_login(director)
    page = client.get("/admin/reports/stats/")
    assert page.context["health"]["monthly"]["missed"] is not None


def test_enterprise_cannot_see_reports(client, enterprise):
    client.force_login(enterprise.user)
    assert client.get("/admin/reports/stats/").status_code in (302, 403)


def test_excellent_screen_excludes_and_approves(
    client, director, rules, expert, post, answer
):
    problem = post(at(2025, 5, 1, 9))
    answer(problem, expert, at(2025, 5, 1, 12), screened=at(2025, 5, 1, 13))
    client.force_login(director)
    page = client.get("/admin/excellent/", {"year": 2025})
    assert expert.real_name in page.content.decode()
    client.post("/admin/excellent/approve/", {"year": 2025})
    assert RewardEntry.objects.filter(kind="excellent", year=2025).count() == 1


def test_excellent_screen_refuses_clerk_actions(client, clerk, rules, expert):
    client.force_login(clerk)
    assert client.get("/admin/excellent/").status_code in (302, 403)
    client.post("/admin/excellent/approve/", {"year": 2025})
    assert not RewardEntry.objects.filter(kind="excellent").exists()


def test_admin_refuses_an_overlapping_rule(client, online_rule):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(
        "/admin/snippets/stations/rewardrule/add/",
        {"kind": "online", "amount": "80.00", "effective_from": "2026-07-01"},
    )
    assert response.status_code == 200
    assert RewardRule.objects.filter(kind="online").count() == 1
