"""Reads of the Q&A workflow: what each user may see."""

from django.db.models import QuerySet
from taggit.models import Tag

from qa.models import PUBLIC_STATUSES, Answer, Problem, ScreeningStatus
from stations.models import User


def problem_list_public(
    *, tag: str | None = None, status: str | None = None, industry: str | None = None
) -> QuerySet[Problem]:
    """Problems anyone may read, newest first, optionally filtered."""
    problems = (
        Problem.objects.public()
        .select_related("enterprise")
        .prefetch_related("tags")
        .order_by("-created_at", "-pk")
    )
    if tag:
        problems = problems.filter(tags__slug=tag)
    if status in PUBLIC_STATUSES:
        problems = problems.filter(status=status)
    if industry:
        problems = problems.filter(industry=industry)
    return problems


def problem_visible_to(*, problem: Problem, user: User) -> bool:
    """Public problems are visible to all; others to their enterprise and staff."""
    if problem.is_public:
        return True
    if not user.is_authenticated:
        return False
    return problem.enterprise.user_id == user.pk or user.has_perm("qa.screen_answer")


def answer_thread_for(*, problem: Problem, user: User) -> list[dict]:
    """The problem's answers as nested threads, as far as this user may see them.

    Everyone sees approved messages; authors also see their own pending or rejected
    ones (with the state shown); staff who screen see everything.
    """
    answers = Answer.for_problem(problem).select_related("user", "user__expert_profile")
    if not (user.is_authenticated and user.has_perm("qa.screen_answer")):
        visible = answers.filter(screening=ScreeningStatus.APPROVED)
        if user.is_authenticated:
            visible = visible | answers.filter(user=user)
        answers = visible
    answers = answers.order_by("thread_id", "order")
    nodes: dict[int, dict] = {}
    roots: list[dict] = []
    for answer in answers:
        node = {"comment": answer, "children": []}
        nodes[answer.pk] = node
        if answer.level == 0:
            roots.append(node)
        elif answer.parent_id in nodes:
            nodes[answer.parent_id]["children"].append(node)
    return roots


def answers_awaiting_screening() -> QuerySet[Answer]:
    """The screening queue, oldest first (Art. 14)."""
    return (
        Answer.objects.filter(screening=ScreeningStatus.PENDING)
        .select_related("user", "content_type")
        .order_by("submit_date", "pk")
    )


def tags_in_use(*, limit: int = 30) -> QuerySet[Tag]:
    from django.db.models import Count, Q

    return (
        Tag.objects.annotate(
            n=Count("problems", filter=Q(problems__status__in=PUBLIC_STATUSES))
        )
        .filter(n__gt=0)
        .order_by("-n", "name")[:limit]
    )
