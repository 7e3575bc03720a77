"""Reads of the public site: the front page's figures and the section listings."""

from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page

from knowledge.models import (
    EventPage,
    EventRegistration,
    EventTag,
    NewsPage,
    NewsTag,
    PolicyPage,
    PolicyTag,
    TechnologyNoticePage,
    TechnologyTag,
)
from qa.models import Answer, Problem, ProblemStatus, ScreeningStatus
from stations.models import ExpertProfile

#: the tag through model of each tagged page type
TAG_THROUGH = {
    TechnologyNoticePage: TechnologyTag,
    PolicyPage: PolicyTag,
    NewsPage: NewsTag,
    EventPage: EventTag,
}


@dataclass(frozen=True)
class StationCounters:
    experts: int
    problems: int
    solved: int
    solved_share: Decimal
    answers_this_month: int

    def as_dict(self) -> dict:
        data = asdict(self)
        data["solved_share"] = str(self.solved_share)
        return data


def station_counters() -> StationCounters:
    """Live figures: verified experts, problems, solved share (%), answers this month.

    Only what the public may see is counted: problems in a public status, and answers
    (top-level replies) that passed screening, this calendar month in Asia/Shanghai.
    """
    problems = Problem.objects.public()
    total = problems.count()
    solved = problems.filter(status=ProblemStatus.SOLVED).count()
    share = (
        (Decimal(solved) * 100 / total).quantize(Decimal("0.1"), ROUND_HALF_UP)
        if total
        else Decimal("0.0")
    )
    month_start = timezone.localtime().replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    answers = Answer.objects.filter(
        content_type=ContentType.objects.get_for_model(Problem),
        level=0,
        screening=ScreeningStatus.APPROVED,
        submit_date__gte=month_start,
    ).count()
    return StationCounters(
        experts=ExpertProfile.objects.filter(
            status=ExpertProfile.Status.VERIFIED
        ).count(),
        problems=total,
        solved=solved,
        solved_share=share,
        answers_this_month=answers,
    )


def latest_technologies() -> QuerySet[TechnologyNoticePage]:
    return TechnologyNoticePage.objects.live().public().order_by("-first_published_at")


def latest_news() -> QuerySet[NewsPage]:
    return NewsPage.objects.live().public().order_by("-date", "-first_published_at")


def upcoming_events() -> QuerySet[EventPage]:
    """Events not over yet, soonest first."""
    return (
        EventPage.objects.live()
        .public()
        .filter(end_at__gte=timezone.now())
        .order_by("start_at")
    )


def section_children(
    *, section: Page, tag: str | None = None, year: int | None = None
) -> QuerySet[Page]:
    """A section's live, public children, newest first, by tag slug and year."""
    children = section.get_children().live().public()
    if tag:
        ids: set[int] = set()
        for model, through in TAG_THROUGH.items():
            ids.update(
                through.objects.filter(
                    tag__slug=tag, content_object__in=model.objects.child_of(section)
                ).values_list("content_object_id", flat=True)
            )
        children = children.filter(pk__in=ids)
    if year:
        children = children.filter(first_published_at__year=year)
    return children.specific().order_by("-first_published_at", "-pk")


def section_tags(*, section: Page) -> list[Tag]:
    """The tags used on a section's live children, by name."""
    live = section.get_children().live().public()
    ids: set[int] = set()
    for through in TAG_THROUGH.values():
        ids.update(
            through.objects.filter(content_object__in=live).values_list(
                "tag_id", flat=True
            )
        )
    return list(Tag.objects.filter(pk__in=ids).order_by("name"))


def section_years(*, section: Page) -> list[int]:
    """The years in which a section's children were first published, newest first."""
    dates = (
        section.get_children().live().public().datetimes("first_published_at", "year")
    )
    return sorted({d.year for d in dates}, reverse=True)


def registrations_for(*, event: EventPage) -> QuerySet[EventRegistration]:
    return event.registrations.select_related("user").order_by("created_at", "pk")


def registration_of(*, event: EventPage, user) -> EventRegistration | None:
    """This user's registration for the event, if any."""
    if not user.is_authenticated:
        return None
    return event.registrations.filter(user=user).first()
