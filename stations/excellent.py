"""The year-end excellent experts (Art. 18): a published scoring formula, the
director's approval of the top of the ranking, and the 5,000-yuan rewards.

Score of an expert for a year (weights in `XUNJIE_EXCELLENT_WEIGHTS`):

    approved_answers      × answers approved in the year (screened_at in the year)
  + average_quality       × their average quality score (1–5)
  + solved_online         × problems solved online    ┐ ledger lines of the year
  + solved_on_site        × problems solved on site   │ (event date in the year)
  + solved_fair           × problems solved at a fair ┘ not rejected, not reversed
  + average_satisfaction  × the enterprises' average satisfaction (1–5) with them

Ties are broken by more problems solved, then higher average quality, then the
earlier first answer of the year, then the lower expert number. Only verified
experts with at least one approved answer or one solved problem are candidates.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from qa.models import ScreeningStatus
from stations import selectors
from stations.models import (
    ExcellentExclusion,
    ExcellentExpertList,
    ExcellentExpertMember,
    ExpertProfile,
    RewardEntry,
    RewardKind,
    User,
)
from stations.rewards import NoRewardRule, reward_entry_record

SOLVED_KINDS = {
    RewardKind.ONLINE: "solved_online",
    RewardKind.ON_SITE: "solved_on_site",
    RewardKind.FAIR: "solved_fair",
}
COMPONENTS = [
    "approved_answers",
    "average_quality",
    "solved_online",
    "solved_on_site",
    "solved_fair",
    "average_satisfaction",
]


def excellent_weights() -> dict[str, float]:
    return {
        key: float(settings.XUNJIE_EXCELLENT_WEIGHTS.get(key, 0)) for key in COMPONENTS
    }


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)


def excellent_ranking(*, year: int) -> list[dict]:
    """All candidates of a year, ranked by the published formula, with each
    score's components, and whether the director excluded them (and why).
    """
    start, end = _year_bounds(year)
    weights = excellent_weights()
    screened = selectors.in_period("screened_at", start, end) & Q(
        screening=ScreeningStatus.APPROVED
    )
    answers = {
        row["user_id"]: row
        for row in selectors.answers()
        .filter(
            selectors.in_period("submit_date", start, end)
            | selectors.in_period("screened_at", start, end)
        )
        .values("user_id")
        .annotate(
            approved_answers=Count("pk", filter=screened),
            average_quality=Avg("quality_score", filter=screened),
            first_answer_at=Min(
                "submit_date", filter=selectors.in_period("submit_date", start, end)
            ),
        )
    }
    solved: dict[int, dict] = {}
    lines = (
        RewardEntry.objects.filter(
            kind__in=list(SOLVED_KINDS),
            event_date__gte=start,
            event_date__lt=end,
        )
        .exclude(status__in=[RewardEntry.Status.REJECTED, RewardEntry.Status.REVERSED])
        .order_by()
        .values("expert_id", "kind")
        .annotate(n=Count("pk"))
    )
    satisfaction = dict(
        RewardEntry.objects.filter(
            kind__in=list(SOLVED_KINDS), event_date__gte=start, event_date__lt=end
        )
        .exclude(status__in=[RewardEntry.Status.REJECTED, RewardEntry.Status.REVERSED])
        .order_by()
        .values("expert_id")
        .annotate(avg=Avg("problem__satisfaction"))
        .values_list("expert_id", "avg")
    )
    for line in lines:
        solved.setdefault(line["expert_id"], {})[SOLVED_KINDS[line["kind"]]] = line["n"]
    excluded = dict(
        ExcellentExclusion.objects.filter(year=year).values_list("expert_id", "reason")
    )
    experts = ExpertProfile.objects.filter(status=ExpertProfile.Status.VERIFIED).values(
        "pk", "user_id", "real_name", "organisation"
    )
    candidates = []
    for expert in experts:
        row = answers.get(expert["user_id"], {})
        counts = solved.get(expert["pk"], {})
        components = {
            "approved_answers": row.get("approved_answers", 0),
            "average_quality": selectors.round_or_none(row.get("average_quality")),
            "solved_online": counts.get("solved_online", 0),
            "solved_on_site": counts.get("solved_on_site", 0),
            "solved_fair": counts.get("solved_fair", 0),
            "average_satisfaction": selectors.round_or_none(
                satisfaction.get(expert["pk"])
            ),
        }
        solved_total = sum(counts.values())
        if not components["approved_answers"] and not solved_total:
            continue
        score = sum(weights[key] * (components[key] or 0) for key in COMPONENTS)
        first = row.get("first_answer_at")
        candidates.append(
            {
                "expert_id": expert["pk"],
                "name": expert["real_name"],
                "organisation": expert["organisation"],
                "score": round(score, 3),
                "solved": solved_total,
                "components": components,
                "first_answer_at": first.isoformat() if first else None,
                "excluded": expert["pk"] in excluded,
                "exclusion_reason": excluded.get(expert["pk"], ""),
            }
        )
    far_future = datetime.datetime.max.isoformat()
    candidates.sort(
        key=lambda c: (
            -c["score"],
            -c["solved"],
            -(c["components"]["average_quality"] or 0),
            c["first_answer_at"] or far_future,
            c["expert_id"],
        )
    )
    selected = 0
    for rank, candidate in enumerate(candidates, start=1):
        candidate["rank"] = rank
        candidate["selected"] = (
            not candidate["excluded"] and selected < settings.XUNJIE_EXCELLENT_COUNT
        )
        selected += candidate["selected"]
    return candidates


def _require_director(actor: User) -> None:
    if not actor.has_perm("stations.approve_rewardentry"):
        raise PermissionDenied(
            _("Only the station director can decide the excellent experts.")
        )


def _require_open(year: int) -> None:
    if ExcellentExpertList.objects.filter(year=year).exists():
        raise ValidationError(
            _("The excellent experts of %(year)d have already been approved.")
            % {"year": year},
            code="approved",
        )


@transaction.atomic
def excellent_exclude(
    *, year: int, expert: ExpertProfile, actor: User, reason: str
) -> ExcellentExclusion:
    """The director leaves a candidate off the year's list, with a recorded reason;
    the next in rank moves up."""
    _require_director(actor)
    _require_open(year)
    if not reason.strip():
        raise ValidationError(_("Please give a reason."), code="reason")
    exclusion = ExcellentExclusion(
        year=year, expert=expert, reason=reason.strip(), excluded_by=actor
    )
    exclusion.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            exclusion.save()
    except IntegrityError:
        raise ValidationError(
            _("This expert is already excluded."), code="excluded"
        ) from None
    return exclusion


def excellent_approval_opens(year: int) -> datetime.date:
    """The year-end selection may be approved from December 1 of the year on."""
    return datetime.date(year, 12, 1)


@transaction.atomic
def excellent_list_approve(*, year: int, actor: User) -> ExcellentExpertList:
    """The director approves the top of the ranking: the list is published and
    each member gets a 5,000-yuan line (the rule in force on December 31)."""
    _require_director(actor)
    _require_open(year)
    if timezone.localdate() < excellent_approval_opens(year):
        raise ValidationError(
            _("The %(year)d list can be approved from %(date)s on.")
            % {"year": year, "date": excellent_approval_opens(year).isoformat()},
            code="early",
        )
    chosen = [c for c in excellent_ranking(year=year) if c["selected"]]
    if not chosen:
        raise ValidationError(
            _("There are no candidates for %(year)d.") % {"year": year},
            code="empty",
        )
    try:
        with transaction.atomic():
            approved = ExcellentExpertList.objects.create(
                year=year, approved_by=actor, weights=excellent_weights()
            )
    except IntegrityError:
        _require_open(year)
        raise
    year_end = datetime.date(year, 12, 31)
    experts = ExpertProfile.objects.in_bulk([c["expert_id"] for c in chosen])
    for position, candidate in enumerate(chosen, start=1):
        expert = experts[candidate["expert_id"]]
        ExcellentExpertMember.objects.create(
            list=approved,
            rank=position,
            expert=expert,
            score=Decimal(str(candidate["score"])),
            components=candidate["components"],
        )
        try:
            reward_entry_record(
                expert=expert, kind=RewardKind.EXCELLENT, year=year, event_date=year_end
            )
        except NoRewardRule as error:
            # Nothing is approved without the rule that prices it (Art. 21).
            raise ValidationError(str(error), code="no_rule") from error
    return approved
