"""Which experts to tell about a problem: shared tags first, then text similarity."""

from django.conf import settings
from modelsearch.backends import get_search_backend

from experts.selectors import experts_away
from qa.models import Problem
from qa.tags import tag_key
from stations.models import ExpertProfile

#: points for each tag a problem and an expert's expertise share
TAG_POINTS = 10
#: points for the best text match, falling by one per rank below it
TEXT_POINTS = 5


def experts_matching(*, problem: Problem, limit: int | None = None) -> list:
    """The verified experts most likely to answer, best first (top N by setting).

    Score = 10 per shared tag (names compared case- and width-insensitively)
    + up to 5 for how well the expert's profile matches the problem's title in
    the full-text index. Ties go to the expert registered first.
    """
    limit = limit or settings.QA_MATCHING_EXPERTS
    verified = ExpertProfile.objects.filter(status=ExpertProfile.Status.VERIFIED)
    scores: dict[int, int] = {}
    keys = {tag_key(name) for name in problem.tags.names()}
    if keys:
        for expert in verified.prefetch_related("expertise"):
            shared = {tag_key(t.name) for t in expert.expertise.all()} & keys
            if shared:
                scores[expert.pk] = TAG_POINTS * len(shared)
    hits = get_search_backend().search(problem.title, verified)[:TEXT_POINTS]
    for rank, expert in enumerate(hits):
        scores[expert.pk] = scores.get(expert.pk, 0) + TEXT_POINTS - rank
    away = set(experts_away())  # away experts hear of nothing new
    ranked = sorted(set(scores) - away, key=lambda pk: (-scores[pk], pk))[:limit]
    experts = verified.select_related("user").in_bulk(ranked)
    return [experts[pk] for pk in ranked]
