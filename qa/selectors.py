"""Reads of the Q&A workflow: what each user may see."""

import datetime
import hashlib

from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_comments_xtd.models import max_thread_level_for_content_type
from taggit.models import Tag

from config.caching import cached_in_generation
from qa.models import (
    PUBLIC_STATUSES,
    Answer,
    Problem,
    ProblemStatus,
    ScreeningStatus,
    Visibility,
)
from stations.models import ExpertProfile, User

#: what a problem's thread shows of each message
THREAD_FIELDS = (
    "pk",
    "user_id",
    "user_name",
    "comment",
    "submit_date",
    "level",
    "parent_id",
    "screening",
    "rejection_reason",
    "staff_note",
)
#: and of its author's expert profile (none for the enterprise's follow-ups)
THREAD_AUTHOR_FIELDS = {
    "expert": F("user__expert_profile__pk"),
    "expert_status": F("user__expert_profile__status"),
    "organisation": F("user__expert_profile__organisation"),
}


def sees_expert_only_problems(user: User | None) -> bool:
    """Experts-only problems are for verified experts and station staff."""
    return bool(
        user
        and user.is_authenticated
        and (user.is_verified_expert or user.has_perm("qa.screen_answer"))
    )


def problems_readable_by(user: User | None) -> QuerySet[Problem]:
    """Published problems this user may read (the public ones for visitors)."""
    if sees_expert_only_problems(user):
        return Problem.objects.published()
    return Problem.objects.public()


def problem_list_public(
    *,
    tag: str | None = None,
    status: str | None = None,
    industry: str | None = None,
    region: str | None = None,
    user: User | None = None,
) -> QuerySet[Problem]:
    """Problems the user (anyone, by default) may read, newest first, filtered."""
    problems = (
        problems_readable_by(user)
        # Not select_related: with the join and a small LIMIT, SQLite's planner
        # starts from the enterprises and sorts every public problem (160 ms at
        # 100,000 for the home page's five) instead of walking the newest index.
        .prefetch_related("enterprise", "tags")
        .order_by("-created_at", "-pk")
    )
    if tag:
        problems = problems.filter(tags__slug=tag)
    if status in PUBLIC_STATUSES:
        problems = problems.filter(status=status)
    if industry:
        problems = problems.filter(industry=industry)
    if region:
        problems = problems.filter(region=region)
    return problems


def problem_list_count(
    *,
    tag: str | None = None,
    status: str | None = None,
    industry: str | None = None,
    region: str | None = None,
    user: User | None = None,
) -> int:
    """How many problems `problem_list_public` lists, counted once per content
    change for each audience (counting 100,000 rows takes longer than the rest
    of the list page)."""
    audience = "experts" if sees_expert_only_problems(user) else "public"
    filters = "\x1f".join(
        [audience, tag or "", status or "", industry or "", region or ""]
    )
    key = hashlib.sha256(filters.encode()).hexdigest()
    return cached_in_generation(
        f"problem_count:{key}",
        lambda: problem_list_public(
            tag=tag, status=status, industry=industry, region=region, user=user
        ).count(),
    )


def problem_visible_to(*, problem: Problem, user: User) -> bool:
    """Public problems are visible to all, experts-only ones to verified experts;
    drafts and unchecked ones only to their enterprise and staff."""
    if problem.is_public:
        return True
    if not user.is_authenticated:
        return False
    if problem.enterprise.user_id == user.pk or user.has_perm("qa.screen_answer"):
        return True
    return problem.is_published and user.is_verified_expert


def _station_staff(user_ids: set[int]) -> set[int]:
    """Those of these people who act for the station (may screen answers), in one
    query rather than two permission lookups each."""
    staff = User.objects.with_perm(
        "qa.screen_answer", backend="django.contrib.auth.backends.ModelBackend"
    )
    return set(staff.filter(pk__in=user_ids).values_list("pk", flat=True))


def problem_timeline(*, problem: Problem) -> list[dict]:
    """Who did what and why, in order; the enterprise appears under the name it
    chose to show, staff as the station."""
    events = list(problem.events.select_related("actor", "actor__expert_profile"))
    others = {e.actor_id for e in events} - {None, problem.enterprise.user_id}
    staff = _station_staff(others) if others else set()
    lines = []
    for event in events:
        actor = event.actor
        if actor is None:
            who = _("The system")
        elif actor.pk == problem.enterprise.user_id:
            who = problem.publisher_name
        elif actor.pk in staff:
            who = _("The station")
        elif actor.expert_or_none:
            who = actor.expert_profile.real_name
        else:
            who = actor.get_username()
        lines.append({"event": event, "who": who})
    return lines


def similar_solved_problems(*, title: str, limit: int = 5) -> list[Problem]:
    """Solved public problems close to a title being typed, best match first."""
    title = title.strip()
    if len(title) < 2:
        return []
    return list(
        Problem.objects.public()
        .filter(status=ProblemStatus.SOLVED)
        .search(title)[:limit]
    )


def answer_thread_for(*, problem: Problem, user: User) -> list[dict]:
    """The problem's answers as nested threads, as far as this user may see them.

    Everyone sees approved messages; authors also see their own pending or rejected
    ones (with the state shown); staff who screen see everything.

    Each message is a plain row with what the thread shows of it: an answer is three
    joined tables, and building 50 of them as models (with their users) took a
    sixth of the problem page's time.
    """
    answers = Answer.for_problem(problem)
    if not (user.is_authenticated and user.has_perm("qa.screen_answer")):
        visible = answers.filter(screening=ScreeningStatus.APPROVED)
        if user.is_authenticated:
            visible = visible | answers.filter(user=user)
        answers = visible
    rows = list(
        answers.order_by("thread_id", "order").values(
            *THREAD_FIELDS, **THREAD_AUTHOR_FIELDS
        )
    )
    profile_urls: dict[int, str] = {}
    deepest = max_thread_level_for_content_type(
        ContentType.objects.get_for_model(Problem)
    )
    screening_labels = dict(ScreeningStatus.choices)
    nodes: dict[int, dict] = {}
    roots: list[dict] = []
    for row in rows:
        expert = row.pop("expert")
        row["organisation"] = row["organisation"] or ""
        row["profile_url"] = ""
        if row.pop("expert_status") == ExpertProfile.Status.VERIFIED:
            if expert not in profile_urls:
                profile_urls[expert] = reverse("experts:profile", args=[expert])
            row["profile_url"] = profile_urls[expert]
        row["screening_label"] = screening_labels[row["screening"]]
        row["accepted"] = row["pk"] == problem.accepted_answer_id
        row["can_reply"] = row["level"] < deepest
        row["children"] = []
        nodes[row["pk"]] = row
        if row["level"] == 0:
            roots.append(row)
        elif row["parent_id"] in nodes:
            nodes[row["parent_id"]]["children"].append(row)
    return roots


def problems_awaiting_check() -> QuerySet[Problem]:
    """Submitted problems waiting for the clerk's quick check, oldest first."""
    return (
        Problem.objects.filter(status=ProblemStatus.SUBMITTED)
        .select_related("enterprise")
        .prefetch_related("tags")
        .order_by("created_at", "pk")
    )


def problems_unanswered(*, older_than_days: int = 0) -> QuerySet[Problem]:
    """Open problems without a published answer, oldest first (Art. 8: 有问有答)."""
    problems = Problem.objects.filter(status=ProblemStatus.OPEN)
    if older_than_days:
        cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
        problems = problems.filter(created_at__lte=cutoff)
    return (
        problems.select_related("enterprise")
        .prefetch_related("tags")
        .order_by("created_at", "pk")
    )


def answers_awaiting_screening() -> QuerySet[Answer]:
    """The screening queue, oldest first (Art. 14)."""
    return (
        Answer.objects.filter(screening=ScreeningStatus.PENDING)
        .select_related("user", "content_type")
        .prefetch_related("content_object")  # each row shows its problem's title
        .order_by("submit_date", "pk")
    )


def tags_in_use(*, limit: int = 30) -> list[Tag]:
    """The most used tags of public problems (counted once per content change)."""
    public = Q(problems__status__in=PUBLIC_STATUSES) & ~Q(
        problems__visibility=Visibility.EXPERTS
    )

    def count() -> list[Tag]:
        return list(
            Tag.objects.annotate(n=Count("problems", filter=public))
            .filter(n__gt=0)
            .exclude(slug="")
            .order_by("-n", "name")[:limit]
        )

    return cached_in_generation(f"tags_in_use:{limit}", count)


def expert_answer_history(*, user: User) -> list[Answer]:
    """An expert's own answers, newest first, each with its problem attached."""
    answers = list(
        Answer.objects.filter(user=user, level=0)
        .select_related("screened_by")
        .order_by("-submit_date", "-pk")
    )
    problems = Problem.objects.in_bulk({int(a.object_pk) for a in answers})
    for answer in answers:
        answer.problem_row = problems.get(int(answer.object_pk))
    return answers


def expert_answer_summary(*, user: User) -> dict:
    """Counts and the average quality score of an expert's answers."""
    answers = Answer.objects.filter(user=user, level=0)
    summary = answers.aggregate(
        total=Count("pk"),
        approved=Count("pk", filter=Q(screening=ScreeningStatus.APPROVED)),
        average=Avg("quality_score"),
    )
    summary["accepted"] = Problem.objects.filter(accepted_answer__user=user).count()
    return summary


def conversations_of(*, problem: Problem) -> list[User]:
    """The experts with a private conversation about the problem."""
    ids = (
        problem.private_messages.order_by()
        .values_list("expert_id", flat=True)
        .distinct()
    )
    return list(User.objects.filter(pk__in=ids).select_related("expert_profile"))


def conversation(*, problem: Problem, expert: User):
    return problem.private_messages.filter(expert=expert).select_related("sender")


def contact_details(*, problem: Problem, expert: User) -> dict | None:
    """Both sides' contact details, once the enterprise has agreed; else None."""
    if not problem.contact_consents.filter(expert=expert).exists():
        return None
    enterprise = problem.enterprise
    profile = expert.expert_or_none
    return {
        "enterprise": {
            "name": enterprise.contact_person,
            "phone": enterprise.phone,
            "email": enterprise.email,
        },
        "expert": {
            "name": profile.real_name if profile else expert.get_username(),
            "phone": profile.phone if profile else expert.phone,
            "email": profile.email if profile else expert.email,
        },
    }
