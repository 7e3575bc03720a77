"""The main journeys in a real browser, each step photographed under test-results/:
an enterprise registers and posts a problem, a clerk checks it, an expert answers,
a clerk screens the answer in the Wagtail admin, the enterprise accepts it and an
anonymous reader finds the solved problem by searching in Chinese."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from qa.models import Answer, Problem, ProblemStatus, ScreeningStatus
from stations import roles
from stations.models import Enterprise, RewardEntry, Station
from stations.validators import credit_code_check_char
from tests.factories.stations import (
    PASSWORD,
    ExpertFactory,
    RewardRuleFactory,
    UserFactory,
)

# Migrations' rows (the Wagtail root page and site, role groups) are restored for
# every test, since the live server needs committed data.
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "玉米秸秆青贮饲料发酵温度过高怎么办"
DESCRIPTION = (
    "青贮窖开窖后第三天温度升到四十五度，饲料发霉变质，请专家指导如何控制二次发酵。"
)
ANSWER = (
    "开窖后每天取料厚度不少于三十厘米，取料面保持平整，并添加丙酸类防霉剂抑制二次发酵。"
)
ENTERPRISE_PASSWORD = "Jilin-qingzhu-2026"


def _credit_code(serial: int) -> str:
    first17 = f"91220101MA{serial:07d}"
    return first17 + credit_code_check_char(first17)


def _register(page, *, username: str, credit_code: str) -> None:
    page.goto("/accounts/register/enterprise/")
    page.fill("#id_username", username)
    page.fill("#id_password", ENTERPRISE_PASSWORD)
    page.fill("#id_name", "长春青贮饲料科技有限公司")
    page.fill("#id_credit_code", credit_code)
    page.select_option("#id_size", "small")
    page.select_option("#id_industry", "grain")
    page.select_option("#id_region", "changchun")
    page.fill("#id_contact_person", "赵经理")
    page.fill("#id_phone", "13800001234")
    page.fill("#id_email", f"{username}@example.com")
    page.check("#id_consent")
    page.click("main form.card button[type=submit]")
    page.wait_for_load_state()


@pytest.fixture
def clerk_of_province(db):
    """A clerk of the provincial station, who sees every station's work."""
    roles.ensure_role_groups()
    clerks = Group.objects.get(name=roles.CLERK)
    user = UserFactory(username="clerk-e2e", groups=[clerks])
    station = Station.objects.filter(level=Station.Level.PROVINCIAL).first()
    if station is None:
        station = Station.objects.create(
            name="吉林省中小微企业网上技术专家服务站", level=Station.Level.PROVINCIAL
        )
    station.clerks.add(user)
    return user


def test_enterprise_to_reader(actors, clerk_of_province):
    RewardRuleFactory()
    expert = ExpertFactory(user__username="expert-e2e", real_name="孙教授")

    # The enterprise registers and posts its problem.
    enterprise = actors()
    page = enterprise.page
    _register(page, username="qingzhu", credit_code=_credit_code(4242))
    assert page.url.endswith("/problems/new/")
    assert Enterprise.objects.filter(user__username="qingzhu").exists()
    enterprise.shot("1-registered")
    page.fill("#id_title", TITLE)
    page.fill("#id_description", DESCRIPTION)
    page.select_option("#id_industry", "grain")
    page.select_option("#id_region", "changchun")
    page.fill("#id_tags", "青贮饲料、发酵")
    page.click("form.card button[type=submit]:not([name])")
    page.wait_for_load_state()
    problem = Problem.objects.get(title=TITLE)
    assert problem.status == ProblemStatus.SUBMITTED
    assert TITLE in page.inner_text("h1")
    enterprise.shot("2-posted")

    # Not checked yet: the reader cannot find it.
    reader = actors()
    reader.page.goto(f"/search/?q={quote('青贮饲料')}&type=problems")
    assert TITLE not in reader.page.content()

    # A clerk opens it to experts from the admin's check queue.
    clerk = actors()
    clerk.log_in("clerk-e2e", PASSWORD, next_url="/admin/problem-check/")
    assert TITLE in clerk.page.content()
    clerk.shot("3-check-queue")
    clerk.page.select_option(f"#id_p{problem.pk}-decision", "open")
    clerk.page.click(f"form[action$='/problem-check/{problem.pk}/'] button")
    clerk.page.wait_for_load_state()
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.OPEN
    clerk.shot("4-checked")

    # A verified expert answers; the answer waits for screening.
    specialist = actors()
    specialist.log_in("expert-e2e", PASSWORD, next_url=problem.get_absolute_url())
    specialist.page.fill("#id_text", ANSWER)
    specialist.page.click(f"form[action$='/problems/{problem.pk}/answer/'] button")
    specialist.page.wait_for_load_state()
    answer = Answer.objects.get(user=expert.user)
    assert answer.screening == ScreeningStatus.PENDING
    specialist.shot("5-answered")
    reader.page.goto(problem.get_absolute_url())
    assert ANSWER not in reader.page.content()

    # The clerk screens it in the admin: approved with a quality score.
    clerk.page.goto("/admin/screening/")
    assert ANSWER in clerk.page.content()
    clerk.shot("6-screening-queue")
    clerk.page.select_option(f"#id_a{answer.pk}-decision", "approve")
    clerk.page.select_option(f"#id_a{answer.pk}-quality_score", "5")
    clerk.page.click(f"form[action$='/screening/{answer.pk}/'] button")
    clerk.page.wait_for_load_state()
    answer.refresh_from_db()
    assert answer.screening == ScreeningStatus.APPROVED
    assert answer.quality_score == 5
    clerk.shot("7-screened")

    # The enterprise accepts it as the solution: solved online, 50 yuan pending.
    page.goto(problem.get_absolute_url())
    assert ANSWER in page.content()
    page.select_option("#id_satisfaction", "5")
    page.click(f"form[action$='/answers/{answer.pk}/accept/'] button")
    page.wait_for_load_state()
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.SOLVED
    assert problem.accepted_answer_id == answer.pk
    assert RewardEntry.objects.filter(problem=problem, expert=expert).count() == 1
    enterprise.shot("8-accepted")

    # An anonymous reader searches in Chinese, finds it solved and reads the answer.
    reader.page.goto("/search/")
    reader.page.fill("#q", "青贮饲料发酵")
    reader.page.click("form[role=search] button")
    reader.page.wait_for_load_state()
    hit = reader.page.locator("article.search-hit", has_text=TITLE)
    assert hit.count() == 1
    with translation.override("zh-hans"):
        assert str(ProblemStatus.SOLVED.label) in hit.inner_text()
    reader.shot("9-search")
    hit.locator("a").first.click()
    reader.page.wait_for_load_state()
    assert ANSWER in reader.page.content()
    reader.shot("10-solution")


def test_registration_refuses_wrong_credit_code(actors):
    visitor = actors()
    good = _credit_code(77)
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    _register(visitor.page, username="wrongcode", credit_code=wrong)
    assert visitor.page.url.endswith("/accounts/register/enterprise/")
    assert "校验" in visitor.page.inner_text("main form.card")
    assert not Enterprise.objects.filter(user__username="wrongcode").exists()
    visitor.shot("1-refused")
