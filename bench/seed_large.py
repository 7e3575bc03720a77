"""Benchmark data: a station with 100,000 problems and 300,000 answers.

    XUNJIE_VAR_DIR=/tmp/perf-var .venv/bin/python bench/seed_large.py \
        [--scale 1.0] [--sample 0.001] [--seed 2026] [--no-index] [--reset]

At --scale 1: 100,000 problems, 300,000 answers, 2,000 experts, 5,000 enterprises
and 2,000 news pages, deterministic for a given --seed, on top of the demo content
(`load_demo`: stations, staff, reward rules, the page tree).

How: a *sample* of every kind (--sample of it, at least 20) goes through the same
services as real use (registration, vetting, posting and the clerk's check,
answering and screening, page revisions and publishing), and the per-item rate of
each is printed. Through the services alone the full set would take hours on a
shared 2-core machine (password hashing, notifications to matching experts, index
updates per row: see the printed rates), so the rest is written with `bulk_create`
in the shape the services produce (statuses, screening, thread fields, reward
ledger lines for solutions, one timeline event per problem), then the search index
is rebuilt once (skipped with --no-index). Finally the statistics of bench/stats.py
are timed.

Set XUNJIE_VAR_DIR to a directory of its own: new, empty, or made by this script
before (it holds .seed_large); anything else, the project's var/ included, is refused,
so --reset (delete it first) can never delete other files.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import logging
import os
import random
import shutil
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FULL = {
    "enterprises": 5_000,
    "experts": 2_000,
    "problems": 100_000,
    "answers": 300_000,
    "pages": 2_000,
}
PASSWORD = "bench-only-password"
#: the file that marks a directory as this script's (--reset deletes only those)
MARKER = ".seed_large"
YEAR = 2026
BATCH = 2_000


def _words(text: str) -> list[str]:
    return text.split()


SUBJECTS = _words(
    """玉米深加工 污水处理 人参皂苷 数控机床 轨道车辆 汽车零部件 光伏组件 锂电池
中药材 食品安全 冷链物流 模具设计 注塑成型 热处理 表面处理 变频器 伺服电机
传感器 环境监测
秸秆综合利用 生物发酵 智能制造 工业互联网 新能源汽车 固体废物
节能减排 质量管理体系"""
)
ASPECTS = _words(
    """提取率偏低 出水不稳定 能耗过高 精度下降 故障频发 成本上升 良品率低 噪声超标
寿命缩短 温度控制 工艺优化 设备选型 检测方法 质量追溯 废水回用 自动化改造"""
)
ADVICE = _words(
    """建议先检测原料含水率 可适当提高反应温度 建议更换密封件 调整工艺参数后复测
建议增加在线监测 请提供近一个月的运行数据 可参考相关国家标准 建议分段试验"""
)


def configure(var_dir: Path) -> None:
    os.environ["XUNJIE_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault(
        "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend"
    )
    import django

    django.setup()
    # The seed prints its own progress; a log line per text message sent and per
    # page created (thousands) would bury it.
    for name in ("qa.sms", "wagtail"):
        logging.getLogger(name).setLevel(logging.WARNING)


def open_seeded() -> None:
    """configure() for XUNJIE_VAR_DIR, seeded by this script; exits if it is not."""
    if not os.environ.get("XUNJIE_VAR_DIR"):
        sys.exit("Set XUNJIE_VAR_DIR to the seeded directory (bench/seed_large.py).")
    configure(Path(os.environ["XUNJIE_VAR_DIR"]))
    from django.db import connection

    if "qa_problem" not in connection.introspection.table_names():
        sys.exit("This database is not seeded: run bench/seed_large.py first.")


@contextlib.contextmanager
def explicit_dates(model, *names: str):
    """Let bulk_create write the given auto_now/auto_now_add fields as set."""
    fields = [model._meta.get_field(name) for name in names]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, (now, now_add) in zip(fields, saved, strict=True):
            field.auto_now, field.auto_now_add = now, now_add


def insert_answers(answers) -> None:
    """Answers are three tables deep (Comment → XtdComment → Answer), which
    bulk_create refuses: the base rows in bulk, the two child tables by SQL."""
    from django.db import connection
    from django_comments.models import Comment

    Comment.objects.bulk_create(
        [
            Comment(
                pk=a.pk,
                content_type_id=a.content_type_id,
                object_pk=a.object_pk,
                site_id=a.site_id,
                user_id=a.user_id,
                user_name=a.user_name,
                user_email=a.user_email,
                comment=a.comment,
                submit_date=a.submit_date,
                is_public=a.is_public,
                is_removed=False,
            )
            for a in answers
        ]
    )
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO django_comments_xtd_xtdcomment (comment_ptr_id, thread_id,"
            ' parent_id, level, "order", followup, nested_count)'
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [
                (a.pk, a.thread_id, a.parent_id, a.level, a.order, False, 0)
                for a in answers
            ],
        )
        cursor.executemany(
            "INSERT INTO qa_answer (xtdcomment_ptr_id, screening, quality_score,"
            " screened_at, rejection_reason, screened_by_id, staff_note)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [
                (
                    a.pk,
                    a.screening,
                    a.quality_score,
                    adapt(a.screened_at),
                    a.rejection_reason,
                    a.screened_by_id,
                    "",
                )
                for a in answers
            ],
        )


class Clock:
    """Named timings, printed as one table at the end."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, int, float]] = []

    def run(self, name: str, count: int, fn):
        started = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - started
        self.rows.append((name, count, seconds))
        rate = f"{count / seconds:9.1f}/s" if count and seconds else " " * 11
        print(f"  {name:<44} {count:>8} {seconds:9.1f} s {rate}", flush=True)
        return result


def when(rng: random.Random) -> datetime.datetime:
    """A moment of the benchmark year, Asia/Shanghai, up to 1 December."""
    from django.utils import timezone

    start = datetime.datetime(YEAR, 1, 1, tzinfo=timezone.get_default_timezone())
    return start + datetime.timedelta(seconds=rng.randrange(334 * 86_400))


def credit_code(n: int) -> str:
    from stations.validators import credit_code_check_char

    first17 = f"91220101MB{n:07d}"
    return first17 + credit_code_check_char(first17)


def problem_text(rng: random.Random, i: int) -> tuple[str, str, list[str]]:
    subject, aspect = rng.choice(SUBJECTS), rng.choice(ASPECTS)
    title = f"{subject}{aspect}问题（{i}）"
    description = f"企业反映{subject}环节{aspect}，已自查设备与原料，希望专家给予指导。"
    return title, description, [subject, rng.choice(SUBJECTS)]


class Seeder:
    def __init__(self, *, scale: float, sample: float, seed: int) -> None:
        from django.contrib.auth.hashers import make_password

        self.rng = random.Random(seed)
        self.counts = {kind: max(1, round(n * scale)) for kind, n in FULL.items()}
        self.samples = {
            kind: min(n, max(20, round(n * sample))) for kind, n in self.counts.items()
        }
        self.password_hash = make_password(PASSWORD)
        self.clock = Clock()

    # -- the demo base ---------------------------------------------------------
    def base(self) -> None:
        from django.core.management import call_command

        from stations import roles
        from stations.models import User

        self.clock.run("migrate", 0, lambda: call_command("migrate", verbosity=0))
        if not User.objects.filter(username="clerk1").exists():
            self.clock.run(
                "load_demo",
                0,
                # its own progress lines would land inside this table
                lambda: call_command("load_demo", stdout=io.StringIO()),
            )
        self.clerk = User.objects.get(username="clerk1")
        self.director = User.objects.get(username="director")
        assert self.clerk.has_perm("qa.screen_answer"), roles.CLERK

    # -- through the services --------------------------------------------------
    def services_sample(self) -> None:
        from knowledge.models import SectionIndexPage
        from qa.models import Problem
        from stations.models import Enterprise, ExpertProfile

        self.news_index = SectionIndexPage.objects.get(slug="news")
        made = Enterprise.objects.filter(user__username__startswith="bench-")
        if made.exists():
            # A run that failed later: reuse its sample (the bulk part rolled back).
            print("Through the services: sample kept from an earlier run")
            self.enterprises = list(made)
            self.experts = list(
                ExpertProfile.objects.filter(user__username__startswith="bench-")
            )
            self.problems = list(Problem.objects.filter(enterprise__in=made))
            return
        print(f"Through the services (sample {self.samples}):")
        c, s = self.clock, self.samples
        self.enterprises = c.run(
            "enterprise_register", s["enterprises"], self._enterprises
        )
        self.experts = c.run(
            "expert_register + expert_verify", s["experts"], self._experts
        )
        self.problems = c.run(
            "problem_create + clerk check", s["problems"], self._problems
        )
        c.run("answer_create + answer_screen", s["answers"], self._answers)
        c.run("news page revision + publish", s["pages"], self._pages)

    def _enterprises(self):
        from stations.choices import Industry, Region
        from stations.services import enterprise_register

        made = []
        for i in range(self.samples["enterprises"]):
            made.append(
                enterprise_register(
                    username=f"bench-ent{i}",
                    password=PASSWORD,
                    name=f"吉林省基准测试{i}号科技有限公司",
                    credit_code=credit_code(i),
                    contact_person="王经理",
                    phone=f"1390000{i % 10_000:04d}",
                    email=f"bench-ent{i}@example.com",
                    industry=self.rng.choice(Industry.values),
                    region=self.rng.choice(Region.values),
                )
            )
        return made

    def _experts(self):
        from stations.choices import Industry
        from stations.models import ExpertProfile
        from stations.services import expert_register, expert_verify

        made = []
        for i in range(self.samples["experts"]):
            expert = expert_register(
                username=f"bench-exp{i}",
                password=PASSWORD,
                real_name=f"基准专家{i}",
                organisation="吉林大学",
                organisation_type=ExpertProfile.OrganisationType.values[0],
                phone=f"1391000{i % 10_000:04d}",
                email=f"bench-exp{i}@example.com",
                expertise=[self.rng.choice(SUBJECTS)],
                industries=[self.rng.choice(Industry.values)],
            )
            made.append(expert_verify(expert=expert, actor=self.director))
        return made

    def _problems(self):
        from qa import services

        made = []
        for i in range(self.samples["problems"]):
            title, description, tags = problem_text(self.rng, i)
            made.append(
                services.problem_create(
                    enterprise=self.rng.choice(self.enterprises),
                    title=title,
                    description=description,
                    industry="other",
                    region="changchun",
                    tags=tags,
                    clerk=self.clerk,
                )
            )
        return made

    def _answers(self):
        from qa import services

        for i in range(self.samples["answers"]):
            problem = self.problems[i % len(self.problems)]
            answer = services.answer_create(
                problem=problem,
                user=self.rng.choice(self.experts).user,
                text=f"{self.rng.choice(ADVICE)}。（{i}）",
            )
            services.answer_screen(
                answer=answer,
                user=self.clerk,
                approve=True,
                quality_score=self.rng.randint(2, 5),
            )

    def _pages(self):
        from knowledge.models import NewsPage

        for i in range(self.samples["pages"]):
            page = NewsPage(
                title=f"服务站工作动态（基准{i}）",
                slug=f"bench-news-{i}",
                date=datetime.date(YEAR, 1 + i % 11, 1 + i % 28),
                body=[("paragraph", f"<p>走访企业 {i % 30} 家。</p>")],
            )
            self.news_index.add_child(instance=page)
            page.save_revision().publish()

    # -- in bulk ---------------------------------------------------------------
    def bulk(self) -> None:
        from django.db import transaction

        print("In bulk (bulk_create, the services' shape):")
        c, n, s = self.clock, self.counts, self.samples
        with transaction.atomic():
            users = c.run(
                "users",
                n["enterprises"] + n["experts"] - s["enterprises"] - s["experts"],
                self._bulk_users,
            )
            enterprises = c.run(
                "enterprises",
                n["enterprises"] - s["enterprises"],
                lambda: self._bulk_enterprises(users["ent"]),
            )
            experts = c.run(
                "experts",
                n["experts"] - s["experts"],
                lambda: self._bulk_experts(users["exp"]),
            )
            c.run(
                "problems, answers, tags, events, ledger",
                n["problems"] - s["problems"] + n["answers"] - s["answers"],
                lambda: self._bulk_problems(
                    [*self.enterprises, *enterprises], [*self.experts, *experts]
                ),
            )
        c.run(
            "news pages (tree inserts, no revision)",
            n["pages"] - s["pages"],
            self._bulk_pages,
        )

    def _bulk_users(self) -> dict:
        from stations.models import User

        n, s = self.counts, self.samples
        names = {
            "ent": [f"bulk-ent{i}" for i in range(n["enterprises"] - s["enterprises"])],
            "exp": [f"bulk-exp{i}" for i in range(n["experts"] - s["experts"])],
        }
        rows = [
            User(username=u, email=f"{u}@example.com", password=self.password_hash)
            for group in names.values()
            for u in group
        ]
        User.objects.bulk_create(rows, batch_size=BATCH)
        by_name = dict(
            User.objects.filter(username__startswith="bulk-").values_list(
                "username", "pk"
            )
        )
        return {key: [by_name[u] for u in group] for key, group in names.items()}

    def _bulk_enterprises(self, user_ids: list[int]):
        from stations.choices import Industry, Region
        from stations.models import Enterprise
        from stations.scoping import station_for_region

        stations = {region: station_for_region(region) for region in Region.values}
        rows = []
        for i, user_id in enumerate(user_ids):
            region = self.rng.choice(Region.values)
            rows.append(
                Enterprise(
                    user_id=user_id,
                    name=f"吉林省批量{i}号制造有限公司",
                    credit_code=credit_code(100_000 + i),
                    contact_person="李经理",
                    phone=f"1392000{i % 10_000:04d}",
                    email=f"bulk-ent{i}@example.com",
                    industry=self.rng.choice(Industry.values),
                    region=region,
                    station=stations[region],
                    verified=True,
                )
            )
        return Enterprise.objects.bulk_create(rows, batch_size=BATCH)

    def _bulk_experts(self, user_ids: list[int]):
        from stations.choices import Industry
        from stations.models import ExpertProfile, Station

        province = Station.objects.filter(parent=None).first()
        rows = [
            ExpertProfile(
                user_id=user_id,
                real_name=f"批量专家{i}",
                organisation="吉林农业大学",
                organisation_type=ExpertProfile.OrganisationType.values[0],
                industries=[self.rng.choice(Industry.values)],
                phone=f"1393000{i % 10_000:04d}",
                email=f"bulk-exp{i}@example.com",
                status=ExpertProfile.Status.VERIFIED,
                station=province,
            )
            for i, user_id in enumerate(user_ids)
        ]
        return ExpertProfile.objects.bulk_create(rows, batch_size=BATCH)

    def _bulk_problems(self, enterprises, experts) -> None:
        """Problems with explicit ids, their answers, tags, one timeline event each
        and the ledger lines of their solutions, in id order."""
        from django.contrib.contenttypes.models import ContentType
        from django.db.models import Max
        from taggit.models import Tag, TaggedItem

        from qa.models import (
            Answer,
            Problem,
            ProblemEvent,
            ProblemStatus,
            ScreeningStatus,
            SolutionKind,
        )
        from stations.models import RewardEntry, RewardRule
        from stations.models.rewards import RewardKind

        S, rng = ProblemStatus, self.rng
        n_problems = self.counts["problems"] - self.samples["problems"]
        n_answers = self.counts["answers"] - self.samples["answers"]
        problem_ct = ContentType.objects.get_for_model(Problem)
        tags = {name: Tag.objects.get_or_create(name=name)[0].pk for name in SUBJECTS}
        rules = {r.kind: r for r in RewardRule.objects.filter(effective_to=None)}
        kinds = {
            SolutionKind.ONLINE: RewardKind.ONLINE,
            SolutionKind.ON_SITE: RewardKind.ON_SITE,
            SolutionKind.FAIR: RewardKind.FAIR,
        }
        next_problem = (Problem.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        next_answer = (Answer.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        # Answers per problem: three on average, none on open problems.
        per_problem = [0] * n_problems
        answered = [i for i in range(n_problems) if rng.random() < 0.75]
        for _ in range(n_answers):
            per_problem[rng.choice(answered)] += 1
        problems, answers, tagged, events, ledger = [], [], [], [], []

        def flush(final: bool = False) -> None:
            if len(problems) >= BATCH or final:
                Problem.objects.bulk_create(problems)
                insert_answers(answers)
                TaggedItem.objects.bulk_create(tagged)
                ProblemEvent.objects.bulk_create(events)
                RewardEntry.objects.bulk_create(ledger)
                for rows in (problems, answers, tagged, events, ledger):
                    rows.clear()

        for i in range(n_problems):
            pk = next_problem + i
            created = when(rng)
            title, description, names = problem_text(rng, pk)
            enterprise = rng.choice(enterprises)
            problem = Problem(
                pk=pk,
                enterprise=enterprise,
                title=title,
                description=description,
                industry=enterprise.industry,
                region=enterprise.region,
                status=S.OPEN,
                created_at=created,
                updated_at=created,
            )
            accepted = None
            for k in range(per_problem[i]):
                expert = rng.choice(experts)
                submitted = created + datetime.timedelta(hours=2 + 20 * k)
                outcome = rng.random()
                screening = (
                    ScreeningStatus.APPROVED
                    if outcome < 0.85
                    else ScreeningStatus.PENDING
                    if outcome < 0.95
                    else ScreeningStatus.REJECTED
                )
                decided = screening != ScreeningStatus.PENDING
                answer = Answer(
                    pk=next_answer,
                    content_type=problem_ct,
                    object_pk=str(pk),
                    site_id=1,
                    user_id=expert.user_id,
                    user_name=expert.real_name,
                    user_email=expert.email,
                    comment=f"{rng.choice(ADVICE)}，{rng.choice(ADVICE)}。",
                    submit_date=submitted,
                    is_public=screening == ScreeningStatus.APPROVED,
                    thread_id=next_answer,
                    parent_id=next_answer,
                    level=0,
                    order=1,
                    screening=screening,
                    quality_score=rng.randint(1, 5)
                    if screening == ScreeningStatus.APPROVED
                    else None,
                    screened_by=self.clerk if decided else None,
                    screened_at=submitted + datetime.timedelta(hours=3)
                    if decided
                    else None,
                    rejection_reason="内容与问题无关"
                    if screening == ScreeningStatus.REJECTED
                    else "",
                )
                answers.append(answer)
                next_answer += 1
                if screening == ScreeningStatus.APPROVED:
                    problem.status = S.ANSWERED
                    accepted = accepted or (answer, expert)
            if problem.status == S.ANSWERED and rng.random() < 0.5:
                kind = rng.choice(
                    [SolutionKind.ONLINE] * 6
                    + [SolutionKind.ON_SITE, SolutionKind.FAIR]
                )
                answer, expert = accepted
                problem.status = S.SOLVED
                problem.solution_kind = kind
                problem.solved_at = answer.submit_date + datetime.timedelta(days=2)
                if kind == SolutionKind.ONLINE:
                    problem.accepted_answer_id = answer.pk
                    problem.satisfaction = rng.randint(3, 5)
                rule = rules[kinds[kind]]
                ledger.append(
                    RewardEntry(
                        expert=expert,
                        kind=rule.kind,
                        amount=Decimal(rule.amount),
                        rule=rule,
                        problem_id=pk,
                        event_date=problem.solved_at.date(),
                    )
                )
            problems.append(problem)
            tagged += [
                TaggedItem(content_type=problem_ct, object_id=pk, tag_id=tags[name])
                for name in set(names)
            ]
            events.append(
                ProblemEvent(
                    problem_id=pk,
                    actor=self.clerk,
                    from_status=S.SUBMITTED,
                    to_status=S.OPEN,
                )
            )
            with explicit_dates(Problem, "created_at", "updated_at"):
                flush()
        # The dates spread over the year matter to the statistics: keep them, where
        # auto_now(_add) would stamp every row with today.
        with explicit_dates(Problem, "created_at", "updated_at"):
            flush(final=True)

    def _bulk_pages(self) -> None:
        from django.db.models.signals import post_save
        from modelsearch.signal_handlers import post_save_signal_handler

        from knowledge.models import NewsPage

        # One index rebuild at the end instead of one index write per page.
        post_save.disconnect(post_save_signal_handler, sender=NewsPage)
        now = datetime.datetime.now(datetime.UTC)
        for i in range(self.counts["pages"] - self.samples["pages"]):
            page = NewsPage(
                title=f"服务站工作动态（批量{i}）",
                slug=f"bulk-news-{i}",
                date=datetime.date(YEAR, 1 + i % 11, 1 + i % 28),
                body=[("paragraph", f"<p>开展技术对接 {i % 20} 次。</p>")],
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
            self.news_index.add_child(instance=page)
        post_save.connect(post_save_signal_handler, sender=NewsPage)

    def index(self) -> None:
        """Rebuild the search index as rebuild_modelsearch_index does, without the
        answers: the site searches problems, pages and people, never answers, and
        300,000 more documents would triple the rebuild (search/README.md)."""
        from modelsearch.backends import get_search_backend
        from modelsearch.index import get_indexed_models

        from qa.models import Answer

        backend = get_search_backend()
        models = [m for m in get_indexed_models() if not issubclass(m, Answer)]

        def rebuild() -> int:
            rebuilder = backend.rebuilder_class(backend.get_index_for_model(models[0]))
            target = rebuilder.start()
            for model in models:
                target.add_model(model)
            done = 0
            for model in models:
                objects = model.get_indexed_objects().order_by("pk")
                last = 0
                while chunk := list(objects.filter(pk__gt=last)[:1000]):
                    target.add_items(model, chunk)
                    last, done = chunk[-1].pk, done + len(chunk)
            rebuilder.finish()
            return done

        total = self.counts["problems"] + self.counts["pages"]
        self.clock.run("search index rebuild (no answers)", total, rebuild)


def _positive(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be greater than 0")
    return value


def _var_dir() -> Path:
    """XUNJIE_VAR_DIR, if it is a directory of the seed's own."""
    var = os.environ.get("XUNJIE_VAR_DIR")
    if not var or Path(var).resolve() == (ROOT / "var").resolve():
        sys.exit(
            "Set XUNJIE_VAR_DIR to a directory of its own (not the project's var/)."
        )
    return Path(var)


def _claim(var_dir: Path, *, reset: bool) -> None:
    """Make var_dir the seed's own: new, empty or made by this script before
    (XUNJIE_VAR_DIR=. or $HOME must never be seeded into, nor deleted by --reset)."""
    if var_dir.exists() and any(var_dir.iterdir()) and not (var_dir / MARKER).exists():
        sys.exit(
            f"{var_dir} is not empty and was not made by seed_large.py (no "
            f"{MARKER} in it): choose a new or empty directory."
        )
    if reset and var_dir.exists():
        shutil.rmtree(var_dir)
    var_dir.mkdir(parents=True, exist_ok=True)
    (var_dir / MARKER).touch()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--scale",
        type=_positive,
        default=1.0,
        help="share of the full size (1 = 100,000 problems; default 1)",
    )
    parser.add_argument(
        "--sample",
        type=_positive,
        default=0.001,
        help="share of each kind made through the services, at least 20 "
        "(default 0.001)",
    )
    parser.add_argument(
        "--seed", type=int, default=2026, help="random seed (default 2026)"
    )
    parser.add_argument(
        "--no-index", action="store_true", help="skip the search index rebuild"
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="start from an empty XUNJIE_VAR_DIR (only one this script made)",
    )
    args = parser.parse_args()
    var_dir = _var_dir()
    _claim(var_dir, reset=args.reset)
    configure(var_dir)

    from qa.models import Problem

    started = time.perf_counter()
    seeder = Seeder(scale=args.scale, sample=args.sample, seed=args.seed)
    print(f"Seeding {seeder.counts} into {var_dir}")
    seeder.base()
    if Problem.objects.count() > 1_000:
        sys.exit("This database is already seeded; use --reset.")
    seeder.services_sample()
    seeder.bulk()
    if not args.no_index:
        seeder.index()
    print(f"Seeded in {time.perf_counter() - started:.0f} s.")

    from bench import stats

    stats.report()


if __name__ == "__main__":
    main()
