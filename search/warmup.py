"""Getting a serving process ready to search before its first visitor asks."""

import logging

from search.selectors import site_searches

logger = logging.getLogger(__name__)

#: a common word, so that every part of a search runs
WARM_QUERY = "技术"


def warm_up() -> None:
    """Run the site search once in this process and thread.

    A process's first search loads jieba's dictionary (0.7 s) and opens the index
    and its per-model document sets (0.6 s at 100,000 problems); done here, no
    visitor waits for it, nor do the requests queued behind theirs.
    """
    try:
        for results in site_searches(WARM_QUERY).values():
            results.count()
            list(results[:1])
    except Exception:
        # Never keep a server from starting: before `migrate`, or with the search
        # service down, the first real search pays (and reports) instead.
        logger.warning("Search warm-up skipped", exc_info=True)
