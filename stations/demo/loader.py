"""Load the demo corpus idempotently: running it again creates nothing new."""

import json
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.test.utils import override_settings
from modelsearch.backends import get_app_config, get_search_backends

from stations.demo import DEMO_PASSWORD

LOCMEM_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

DATA_DIR = Path(__file__).resolve().parent / "data"

__all__ = ["DATA_DIR", "DEMO_PASSWORD", "Tally", "load_demo", "read_data"]


class Tally:
    """What a run created and what was already there, per kind of record."""

    def __init__(self) -> None:
        self.created: Counter[str] = Counter()
        self.present: Counter[str] = Counter()

    def add(self, kind: str, *, created: bool) -> None:
        (self.created if created else self.present)[kind] += 1

    def kinds(self) -> list[str]:
        return sorted(set(self.created) | set(self.present))

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


def read_data(name: str):
    """One JSON file of the corpus."""
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@contextmanager
def live_indexing_paused() -> Iterator[None]:
    """Skip the per-save search indexing; the caller indexes in bulk afterwards.

    A problem's story saves a dozen rows and each save would commit the index once:
    that made the load take minutes instead of seconds.
    """
    config = get_app_config()
    paused = {
        alias: {**params, "AUTO_UPDATE": False}
        for alias, params in config.get_search_backend_config().items()
    }
    with override_settings(**{config.backend_setting_name: paused}):
        yield


def index_in_bulk(models) -> None:
    """(Re)index every indexed row of these models, one write per model."""
    for backend in get_search_backends(with_auto_update=True):
        for model in models:
            backend.add_bulk(model, list(model.get_indexed_objects()))


def load_demo(*, progress: Callable[[str], None] = lambda message: None) -> Tally:
    """Load every part of the corpus in dependency order; skip what exists.

    The notifications and reports the story triggers are recorded as usual, but
    their e-mails go to an in-memory outbox: a demo load must not print hundreds
    of messages to the console, nor send them through a real mail server.
    """
    with override_settings(EMAIL_BACKEND=LOCMEM_EMAIL_BACKEND):
        return _load_all(progress)


def _load_all(progress: Callable[[str], None]) -> Tally:
    from appointments import demo as appointments_demo
    from experts import demo as experts_demo
    from qa.models import Answer, Problem
    from servicedesk import demo as servicedesk_demo
    from stations.demo import pages, people, problems, settle
    from stations.models import Enterprise, ExpertProfile

    tally = Tally()
    with live_indexing_paused():
        progress("staff, groups and reward rules")
        staff = people.load_staff(tally)
        people.load_stations(tally, users=staff)
        people.load_reward_rules(tally)
        progress("enterprises and experts")
        people.load_enterprises(tally)
        people.load_experts(tally, director=staff["director"])
        progress("problems, answers and threads")
        problems.load_problems(
            tally,
            clerks=[staff["clerk1"], staff["clerk2"], staff["clerk3"]],
            progress=progress,
        )
    progress("search index")
    index_in_bulk([Enterprise, ExpertProfile, Problem, Answer])
    progress("knowledge pages")
    pages.load_pages(tally)
    progress("service desk: visits, referrals, on-site and fair records")
    servicedesk_demo.load(tally, clerk=staff["clerk1"])
    progress("rewards and statistics reports")
    settle.settle_rewards(tally, director=staff["director"])
    settle.keep_reports(tally)
    appointments_demo.load(tally, director=staff["director"])
    experts_demo.load(tally, director=staff["director"])
    return tally
