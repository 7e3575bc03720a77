"""Load the demo corpus idempotently: running it again creates nothing new."""

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from stations.demo import DEMO_PASSWORD

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


def load_demo(*, progress: Callable[[str], None] = lambda message: None) -> Tally:
    """Load every part of the corpus in dependency order; skip what exists."""
    from stations.demo import pages, people, problems

    tally = Tally()
    progress("staff, groups and reward rules")
    staff = people.load_staff(tally)
    people.load_reward_rules(tally)
    progress("enterprises and experts")
    people.load_enterprises(tally)
    people.load_experts(tally, director=staff["director"])
    progress("problems, answers and threads")
    problems.load_problems(
        tally, clerks=[staff["clerk1"], staff["clerk2"]], progress=progress
    )
    progress("knowledge pages")
    pages.load_pages(tally)
    return tally
