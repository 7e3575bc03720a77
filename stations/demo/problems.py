"""Demo problems with answers, screening, follow-up threads and acceptance.

Everything goes through qa.services, exactly as users would do it. Afterwards the
new rows are dated back over the past ten months (queryset updates of timestamps
only) so that lists, statistics and reports have a realistic spread.
"""

import datetime
from itertools import zip_longest
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from qa import services
from qa.models import Answer, Problem, ProblemEvent, ProblemStatus, Urgency, Visibility
from stations.models import Enterprise, RewardEntry, User
from stations.scoping import station_visible_to

#: The last day of the demo timeline (clamped to "now" if the clock is earlier).
TIMELINE_END = datetime.datetime(2026, 11, 28, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
#: How far back the first problem was posted.
TIMELINE_DAYS = 290


def problem_specs() -> list[dict]:
    """All problems, interleaved across the industry files so dates mix industries."""
    from stations.demo.loader import DATA_DIR, read_data

    files = [read_data(p.name) for p in sorted(DATA_DIR.glob("problems_*.json"))]
    return [spec for group in zip_longest(*files) for spec in group if spec is not None]


def _timeline_end() -> datetime.datetime:
    return min(TIMELINE_END, timezone.now() - datetime.timedelta(hours=1))


class _Dater:
    """Back-dates the rows one problem's story creates, keeping them in order."""

    def __init__(self, problem: Problem, posted: datetime.datetime, end) -> None:
        self.problem = problem
        self.now = posted
        self.end = end
        self.last_event = 0
        self.events(posted)
        Problem.objects.filter(pk=problem.pk).update(
            created_at=posted, updated_at=posted
        )

    def advance(self, hours: float) -> datetime.datetime:
        self.now = min(self.now + datetime.timedelta(hours=hours), self.end)
        return self.now

    def events(self, at: datetime.datetime) -> None:
        """Date the timeline lines written since the last call."""
        events = ProblemEvent.objects.filter(
            problem=self.problem, pk__gt=self.last_event
        )
        new = list(events.values_list("pk", flat=True))
        if new:
            events.update(created_at=at)
            self.last_event = max(new)
        Problem.objects.filter(pk=self.problem.pk).update(updated_at=at)

    def message(self, message: Answer, *, screened: bool) -> None:
        submitted = self.now
        Answer.objects.filter(pk=message.pk).update(submit_date=submitted)
        if screened:
            Answer.objects.filter(pk=message.pk).update(
                screened_at=self.advance(3 + message.pk % 20)
            )
        self.events(self.now)


def _fresh(user: User) -> User:
    """A user re-read so that permission and profile caches are current."""
    return User.objects.select_related("expert_profile").get(pk=user.pk)


def _screen(message, spec, *, clerk, dater) -> None:
    state = spec.get("screening", "approved")
    if state == "pending":
        dater.message(message, screened=False)
        return
    services.answer_screen(
        answer=message,
        user=clerk,
        approve=state == "approved",
        quality_score=spec.get("score", 4) if message.is_answer else None,
        reason=spec.get("reason", ""),
    )
    dater.message(message, screened=True)


def _thread(answer, replies, *, enterprise_user, expert_user, clerk, dater) -> None:
    """Follow-ups: each reply answers the previous message of the thread."""
    parent = answer
    for reply in replies:
        dater.advance(20 + len(reply["text"]) % 30)
        by_enterprise = reply["by"] == "enterprise"
        message = services.reply_create(
            parent=parent,
            user=enterprise_user if by_enterprise else expert_user,
            text=reply["text"],
        )
        if by_enterprise:
            dater.message(message, screened=False)
        else:
            _screen(message, reply, clerk=clerk, dater=dater)
        parent = Answer.objects.get(pk=message.pk)


def _pending_date(position: int, dater: _Dater) -> None:
    """Answers still in the screening queue arrived in the last few days."""
    recent = dater.end - datetime.timedelta(days=1 + position % 6, hours=position % 7)
    dater.now = max(dater.now, recent)


@transaction.atomic
def _load_one(spec, *, position, count, clerks, experts, enterprises) -> None:
    """One problem's whole story, or nothing of it."""
    enterprise = enterprises[spec["enterprise"]]
    end = _timeline_end()
    posted = end - datetime.timedelta(
        days=TIMELINE_DAYS - (TIMELINE_DAYS - 20) * position / count,
        hours=(position * 37) % 9,
        minutes=(position * 13) % 60,
    )
    problem = services.problem_create(
        enterprise=enterprise,
        title=spec["title"],
        description=spec["description"],
        industry=enterprise.industry,
        region=enterprise.region,
        tags=spec["tags"],
        urgency=spec.get("urgency", Urgency.NORMAL),
        visibility=spec.get("visibility", Visibility.PUBLIC),
        submit=not spec.get("draft"),
    )
    dater = _Dater(problem, posted, end)
    if spec.get("draft"):
        return
    # The problem is checked and screened by staff of the enterprise's station.
    ours = [c for c in clerks if station_visible_to(c, enterprise.station)]
    clerk = ours[position % len(ours)]
    if problem.status == ProblemStatus.SUBMITTED and not spec.get("awaiting_check"):
        # Where the lifecycle has a clerk check before a problem opens, the
        # clerk checks it a few hours after it was posted.
        dater.advance(2 + position % 5)
        problem = services.problem_check(problem=problem, clerk=clerk, approve=True)
        dater.events(dater.now)
    enterprise_user = enterprise.user
    accepted = None
    for number, answer_spec in enumerate(spec.get("answers", [])):
        expert_user = experts[answer_spec["expert"]]
        if answer_spec.get("screening") == "pending":
            _pending_date(position + number, dater)
        else:
            dater.advance(18 + (position * 7 + number * 29) % 60)
        answer = services.answer_create(
            problem=problem, user=expert_user, text=answer_spec["text"]
        )
        _screen(answer, answer_spec, clerk=clerk, dater=dater)
        answer.refresh_from_db()
        _thread(
            answer,
            answer_spec.get("thread", []),
            enterprise_user=enterprise_user,
            expert_user=expert_user,
            clerk=clerk,
            dater=dater,
        )
        if answer_spec.get("accepted"):
            accepted = (answer, answer_spec.get("satisfaction"))
    if accepted:
        answer, satisfaction = accepted
        services.answer_accept(
            answer=answer, user=enterprise_user, satisfaction=satisfaction
        )
        solved = dater.advance(30 + position % 40)
        dater.events(solved)
        Problem.objects.filter(pk=problem.pk).update(solved_at=solved)
        RewardEntry.objects.filter(problem=problem).update(
            event_date=timezone.localdate(solved), created_at=solved
        )
    if "outcome" in spec:
        _conclude(
            problem, spec["outcome"], enterprise_user=enterprise_user, clerk=clerk
        )
        dater.events(dater.advance(40 + position % 30))


def _conclude(problem, outcome: dict, *, enterprise_user, clerk) -> None:
    """How a problem left online Q&A: referred, closed, solved elsewhere, reopened."""
    if outcome["status"] == "referred" or outcome.get("solution_kind"):
        return  # servicedesk.demo records these: referral, on-site, fair records
    problem.refresh_from_db()
    if outcome["status"] == "reopened":
        user, to_status = enterprise_user, ProblemStatus.OPEN
    else:
        user, to_status = clerk, outcome["status"]
    services.problem_change_status(
        problem=problem,
        user=user,
        to_status=to_status,
        note=outcome["note"],
    )


def load_problems(tally, *, clerks, progress=lambda message: None) -> None:
    """Post every demo problem that is not there yet; key: the title."""
    clerks = [_fresh(clerk) for clerk in clerks]
    experts = {
        user.username: user
        for user in User.objects.filter(expert_profile__isnull=False).select_related(
            "expert_profile"
        )
    }
    enterprises = {
        e.user.username: e for e in Enterprise.objects.select_related("user")
    }
    specs = problem_specs()
    existing = set(
        Problem.objects.filter(title__in=[s["title"] for s in specs]).values_list(
            "title", flat=True
        )
    )
    for position, spec in enumerate(specs):
        if spec["title"] in existing:
            tally.add("problems", created=False)
            continue
        _load_one(
            spec,
            position=position,
            count=len(specs),
            clerks=clerks,
            experts=experts,
            enterprises=enterprises,
        )
        tally.add("problems", created=True)
        if (position + 1) % 20 == 0:
            progress(f"  {position + 1}/{len(specs)} problems")
