"""The service desk's demo: visits, organisations, referrals, on-site services and
fair solutions, all through the services, dated into the demo year; idempotent.

The demo problems solved on site and at the fair, and the referred one, get
their outcome here, from these records, so that their ledger lines point to them.
"""

import datetime
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from knowledge.models import EventKind, EventPage
from qa.models import Problem, ProblemEvent
from servicedesk import services
from servicedesk.models import (
    FairSolution,
    OnSiteService,
    Referral,
    ReferralEvent,
    ServiceOrganisation,
    Visit,
)
from stations.models import ExpertProfile, RewardEntry, Station, User

DATA = Path(__file__).resolve().parent / "data.json"
#: the demo fair's existing sibling, under whose section the past fair is added
UPCOMING_FAIR_SLUG = "matchmaking-fair-2026-12"


def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def _end() -> datetime.datetime:
    from stations.demo.problems import _timeline_end

    return _timeline_end()


def _after(problem: Problem, days: float) -> datetime.datetime:
    """A moment `days` after the problem's last timeline line, within the demo."""
    last = problem.events.order_by("-created_at").first().created_at
    return min(last + datetime.timedelta(days=days), _end())


def _date_events(problem: Problem, since: int, at: datetime.datetime) -> None:
    """Date the timeline lines written since event `since`, and the problem."""
    ProblemEvent.objects.filter(problem=problem, pk__gt=since).update(created_at=at)
    Problem.objects.filter(pk=problem.pk).update(updated_at=at)


def _last_event(problem: Problem) -> int:
    return problem.events.order_by("-pk").values_list("pk", flat=True).first() or 0


def _fair_page(spec: dict) -> EventPage:
    """The past matchmaking fair, published next to the upcoming one."""
    page = EventPage.objects.filter(slug=spec["slug"]).first()
    if page is not None:
        return page
    parent = EventPage.objects.get(slug=UPCOMING_FAIR_SLUG).get_parent()
    fields = {k: v for k, v in spec.items() if k not in ("start_at", "end_at")}
    page = EventPage(
        kind=EventKind.MATCHMAKING_FAIR,
        start_at=datetime.datetime.fromisoformat(spec["start_at"]),
        end_at=datetime.datetime.fromisoformat(spec["end_at"]),
        registration_open=False,
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_organisations(tally) -> dict[str, ServiceOrganisation]:
    organisations = {}
    for spec in _data()["organisations"]:
        name = spec["name"]
        organisation, created = ServiceOrganisation.objects.get_or_create(
            name=name, defaults={k: v for k, v in spec.items() if k != "name"}
        )
        tally.add("service organisations", created=created)
        organisations[name] = organisation
    return organisations


@transaction.atomic
def _visit(spec: dict, tally) -> None:
    visit = Visit.objects.filter(
        visitor_name=spec["visitor_name"], topic=spec["topic"]
    ).first()
    tally.add("visits", created=visit is None)
    if visit is not None:
        return
    clerk = User.objects.get(username=spec["handled_by"])
    enterprise = None
    if spec.get("enterprise"):
        enterprise = User.objects.get(username=spec["enterprise"]).enterprise
    at = _end() - datetime.timedelta(days=spec["days_ago"], hours=spec["days_ago"] % 7)
    visit = services.visit_create(
        station=Station.objects.get(name=spec["station"]),
        handled_by=clerk,
        visited_at=at,
        channel=spec["channel"],
        visitor_name=spec["visitor_name"],
        organisation=spec["organisation"],
        contact="13800000" + f"{100 + spec['days_ago']:03d}",
        enterprise=enterprise,
        topic=spec["topic"],
        question=spec["question"],
        is_policy_question=spec.get("policy", False),
        reply=spec["reply"],
        follow_up_needed="follow_up" in spec,
        follow_up_note=spec.get("follow_up", ""),
        follow_up_done=spec.get("follow_up_done", False),
    )
    Visit.objects.filter(pk=visit.pk).update(created_at=at)
    if "to_problem" in spec:
        problem = services.visit_to_problem(
            visit=visit, actor=clerk, tags=spec["to_problem"]
        )
        Problem.objects.filter(pk=problem.pk).update(created_at=at)
        _date_events(problem, 0, at)
        tally.add("problems from visits", created=True)


def _referral(spec: dict, organisations, clerk: User, tally) -> None:
    problem = Problem.objects.get(title=spec["problem"])
    exists = Referral.objects.filter(problem=problem).exists()
    tally.add("referrals", created=not exists)
    if exists:
        return
    with transaction.atomic():
        since = _last_event(problem)
        at = _after(problem, 3)
        referral = services.referral_create(
            problem=problem,
            organisation=organisations[spec["organisation"]],
            actor=clerk,
            note=spec["note"],
        )
        for step, (to_status, note) in enumerate(spec["steps"], start=1):
            services.referral_move(
                referral=referral, to_status=to_status, actor=clerk, note=note
            )
            step_at = min(at + datetime.timedelta(days=7 * step), _end())
            ReferralEvent.objects.filter(referral=referral, to_status=to_status).update(
                created_at=step_at
            )
        _date_events(problem, since, at)
        ReferralEvent.objects.filter(referral=referral, from_status="").update(
            created_at=at
        )
        Referral.objects.filter(pk=referral.pk).update(created_at=at)


def _onsite(spec: dict, clerk: User, tally) -> None:
    problem = Problem.objects.get(title=spec["problem"])
    expert = User.objects.get(username=spec["expert"])
    exists = OnSiteService.objects.filter(problem=problem, expert__user=expert).exists()
    tally.add("on-site services", created=not exists)
    if exists:
        return
    with transaction.atomic():
        since = _last_event(problem)
        if spec["confirmed"]:
            visited = _after(problem, spec["after_days"])
        else:
            # Still waiting for the enterprise: a visit of the last few days.
            visited = _end() - datetime.timedelta(days=spec["after_days"])
        service = services.onsite_report(
            problem=problem,
            user=expert,
            service_date=timezone.localdate(visited),
            place=spec["place"],
            work_done=spec["work_done"],
        )
        OnSiteService.objects.filter(pk=service.pk).update(created_at=visited)
        if not spec["confirmed"]:
            return
        service = services.onsite_answer(
            service=service, user=problem.enterprise.user, confirm=True
        )
        confirmed = min(visited + datetime.timedelta(days=2), _end())
        OnSiteService.objects.filter(pk=service.pk).update(confirmed_at=confirmed)
        if not spec["verified"]:
            return
        service = services.onsite_verify(service=service, actor=clerk)
        verified = min(confirmed + datetime.timedelta(days=3), _end())
        OnSiteService.objects.filter(pk=service.pk).update(verified_at=verified)
        Problem.objects.filter(pk=problem.pk).update(solved_at=verified)
        RewardEntry.objects.filter(pk=service.reward_entry_id).update(
            created_at=verified
        )
        _date_events(problem, since, verified)


def _fair(spec: dict, event: EventPage, clerk: User, tally) -> None:
    problem = Problem.objects.get(title=spec["problem"])
    expert = ExpertProfile.objects.get(user__username=spec["expert"])
    exists = FairSolution.objects.filter(event=event, problem=problem).exists()
    tally.add("fair solutions", created=not exists)
    if exists:
        return
    with transaction.atomic():
        since = _last_event(problem)
        # Verified a week after the fair, or after the problem's last line.
        verified = min(
            max(event.end_at, _after(problem, 0)) + datetime.timedelta(days=7), _end()
        )
        solution = services.fair_solution_record(
            event=event, problem=problem, expert=expert, actor=clerk, note=spec["note"]
        )
        solution = services.fair_solution_verify(solution=solution, actor=clerk)
        FairSolution.objects.filter(pk=solution.pk).update(
            created_at=verified, verified_at=verified
        )
        Problem.objects.filter(pk=problem.pk).update(solved_at=verified)
        RewardEntry.objects.filter(pk=solution.reward_entry_id).update(
            created_at=verified
        )
        _date_events(problem, since, verified)


def load(tally, *, clerk: User) -> None:
    """Everything of the desk; `clerk` works at the provincial station."""
    data = _data()
    organisations = load_organisations(tally)
    for spec in data["visits"]:
        _visit(spec, tally)
    for spec in data["referrals"]:
        _referral(spec, organisations, clerk, tally)
    for spec in data["onsite"]:
        _onsite(spec, clerk, tally)
    event = _fair_page(data["fair"])
    for spec in data["fair_solutions"]:
        _fair(spec, event, clerk, tally)
