"""The demo corpus: loaded through the services, complete, idempotent, invented."""

import copy
import io
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import GroupPagePermission, Page, Site

from knowledge.models import HomePage, NewsPage, PolicyPage, TechnologyNoticePage
from qa.models import Answer, Problem, ProblemStatus, ScreeningStatus, SolutionKind
from stations import roles
from stations.demo import DEMO_PASSWORD
from stations.models import Enterprise, ExpertProfile, RewardEntry, User
from stations.models.rewards import RewardKind
from stations.validators import validate_credit_code

PLACEHOLDER_PHONE = re.compile(r"^1380000\d{4}$")
EXAMPLE_MAIL = re.compile(r"@example\.(com|org|net)$")
ANY_MAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load once for the module inside a transaction that is rolled back at the end.

    The search index goes to a directory of its own so that no other test sees the
    demo documents.
    """
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    for params in backends.values():
        if "PATH" in params:
            params["PATH"] = str(tmp_path_factory.mktemp("demo-index"))
    with (
        override_settings(WAGTAILSEARCH_BACKENDS=backends),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


pytestmark = pytest.mark.usefixtures("demo")


@pytest.mark.django_db
def test_counts():
    assert Problem.objects.count() >= 80
    assert ExpertProfile.objects.count() >= 20
    assert Enterprise.objects.count() == 15
    assert Page.objects.live().type(Page).exclude(depth=1).count() >= 12


@pytest.mark.django_db
def test_every_status_and_the_screening_queue():
    statuses = set(Problem.objects.values_list("status", flat=True))
    assert {
        ProblemStatus.OPEN,
        ProblemStatus.ANSWERED,
        ProblemStatus.SOLVED,
    } <= statuses
    assert Answer.objects.filter(screening=ScreeningStatus.PENDING).count() >= 10
    rejected = Answer.objects.filter(screening=ScreeningStatus.REJECTED)
    assert rejected.exists()
    assert all(answer.rejection_reason for answer in rejected)


@pytest.mark.django_db
def test_vetting_queue_has_pending_experts():
    pending = ExpertProfile.objects.filter(status=ExpertProfile.Status.PENDING)
    assert pending.count() == 2
    assert not Answer.objects.filter(user__expert_profile__in=pending).exists()


@pytest.mark.django_db
def test_credit_codes_are_valid():
    for code in Enterprise.objects.values_list("credit_code", flat=True):
        validate_credit_code(code)
        assert code[2:4] == "22"  # Jilin's region codes


@pytest.mark.django_db
def test_only_placeholder_phones_and_example_mail():
    phones = [
        *User.objects.exclude(phone="").values_list("phone", flat=True),
        *Enterprise.objects.values_list("phone", flat=True),
        *ExpertProfile.objects.values_list("phone", flat=True),
    ]
    assert phones and all(PLACEHOLDER_PHONE.match(phone) for phone in phones)
    mails = [
        *User.objects.exclude(email="").values_list("email", flat=True),
        *Enterprise.objects.values_list("email", flat=True),
        *ExpertProfile.objects.values_list("email", flat=True),
        *Answer.objects.values_list("user_email", flat=True),
    ]
    for page in TechnologyNoticePage.objects.all():
        mails += [match[0] for match in ANY_MAIL.finditer(page.contact)]
    assert mails and all(EXAMPLE_MAIL.search(mail) for mail in mails)


@pytest.mark.django_db
def test_solved_problems_have_one_online_reward_of_50_yuan():
    solved = Problem.objects.filter(
        status=ProblemStatus.SOLVED, solution_kind=SolutionKind.ONLINE
    )
    assert solved.count() >= 25
    for problem in solved:
        entries = RewardEntry.objects.filter(problem=problem)
        assert [(e.kind, e.amount) for e in entries] == [
            (RewardKind.ONLINE, Decimal("50.00"))
        ]
        assert entries[0].expert.user_id == problem.accepted_answer.user_id
        assert 3 <= problem.satisfaction <= 5


@pytest.mark.django_db
def test_dates_follow_the_story():
    for problem in Problem.objects.prefetch_related("events"):
        answers = Answer.for_problem(problem)
        assert all(a.submit_date >= problem.created_at for a in answers)
        assert all(a.screened_at >= a.submit_date for a in answers if a.screened_at)
        if problem.solved_at:
            assert problem.solved_at >= max(a.submit_date for a in answers)


@pytest.mark.django_db
def test_site_root_is_the_home_page_with_the_sections():
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    slugs = set(home.get_children().values_list("slug", flat=True))
    assert {"technologies", "policies", "news", "about"} <= slugs
    rules = PolicyPage.objects.get(slug="implementing-rules")
    assert "第二十一条" in str(rules.body)
    assert PolicyPage.objects.filter(document_number="国发〔2012〕14号").exists()


@pytest.mark.django_db
def test_links_name_the_address_the_site_is_served_at(client):
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == settings.WAGTAILADMIN_BASE_URL  # http://127.0.0.1:8000
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{settings.WAGTAILADMIN_BASE_URL}/" in sitemap
    assert "localhost" not in sitemap
    feed = client.get("/feeds/news/rss/").content.decode()
    assert "example.com" not in feed and "127.0.0.1:8000" in feed


@pytest.mark.django_db
def test_editors_draft_and_the_director_publishes():
    editors = Group.objects.get(name=roles.EDITOR)
    assert editors.permissions.filter(codename="access_admin").exists()
    granted = GroupPagePermission.objects.filter(
        group=editors, page=Site.objects.get(is_default_site=True).root_page
    ).values_list("permission__codename", flat=True)
    assert set(granted) == {"add_page", "change_page"}
    home = Site.objects.get(is_default_site=True).root_page
    assert home.get_workflow().name == "主任审批"


@pytest.mark.django_db
def test_staff_reach_the_admin_and_the_editor_the_page_editor(client):
    home = Site.objects.get(is_default_site=True).root_page
    for username in ("director", "clerk1", "clerk2", "editor"):
        client.force_login(User.objects.get(username=username))
        assert client.get("/admin/").status_code == 200, username
    client.force_login(User.objects.get(username="editor"))
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200


@pytest.mark.django_db
def test_demo_accounts_log_in_with_the_demo_password(client):
    for username in ("admin", "director", "clerk1", "editor", "ent01", "exp01"):
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
    assert User.objects.get(username="admin").is_superuser


@pytest.mark.django_db
def test_second_run_creates_nothing():
    before = _row_counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _row_counts() == before


@pytest.mark.django_db
def test_a_rerun_completes_what_is_missing():
    before = _row_counts()
    Problem.objects.get(title="车桥壳体焊缝超声检测缺陷判定").delete()
    NewsPage.objects.get(slug="monthly-summary-october").delete()
    call_command("load_demo", stdout=io.StringIO())
    assert Problem.objects.filter(title="车桥壳体焊缝超声检测缺陷判定").exists()
    assert NewsPage.objects.live().filter(slug="monthly-summary-october").exists()
    after = _row_counts()
    # Wagtail keeps the deleted page's log lines and revisions; the rest is equal.
    changed = {label for label in before if before[label] != after[label]}
    assert changed <= {"wagtailcore.PageLogEntry", "wagtailcore.Revision"}


@pytest.mark.django_db
def test_every_status_and_way_of_solving_is_in_the_demo():
    statuses = set(Problem.objects.values_list("status", flat=True))
    assert statuses == set(ProblemStatus.values)
    kinds = set(
        Problem.objects.filter(status=ProblemStatus.SOLVED).values_list(
            "solution_kind", flat=True
        )
    )
    assert kinds == set(SolutionKind.values)
    reopened = Problem.objects.get(title="中药颗粒剂吸潮结块")
    assert reopened.status == ProblemStatus.OPEN
    assert reopened.reward_entries.get().status == RewardEntry.Status.REVERSED


@pytest.mark.django_db
def test_on_site_and_fair_solutions_come_from_verified_desk_records():
    from servicedesk.models import (
        FairSolution,
        OnSiteService,
        RecordStatus,
        Referral,
        Visit,
    )

    amounts = {
        SolutionKind.ON_SITE: (RewardKind.ON_SITE, Decimal("2000.00")),
        SolutionKind.FAIR: (RewardKind.FAIR, Decimal("1000.00")),
    }
    for kind, (reward_kind, amount) in amounts.items():
        solved = Problem.objects.filter(status=ProblemStatus.SOLVED, solution_kind=kind)
        assert solved.exists()
        for problem in solved:
            entry = problem.reward_entries.get(kind=reward_kind)
            assert entry.amount == amount
            record = (
                OnSiteService.objects.get(reward_entry=entry)
                if kind == SolutionKind.ON_SITE
                else FairSolution.objects.get(reward_entry=entry)
            )
            assert record.status == "verified"
            assert record.expert == entry.expert
    assert OnSiteService.objects.filter(status=RecordStatus.REPORTED).exists()
    assert set(Referral.objects.values_list("status", flat=True)) == {
        "sent",
        "accepted",
        "solved",
        "declined",
    }
    solved_referral = Referral.objects.get(status="solved")
    assert solved_referral.problem.status == ProblemStatus.CLOSED
    visits = Visit.objects.all()
    assert visits.count() == 12
    assert set(visits.values_list("channel", flat=True)) == {
        "walk_in",
        "phone",
        "online",
    }
    assert visits.filter(problem__isnull=False).count() == 1
    assert visits.filter(follow_up_needed=True, follow_up_done=False).exists()
