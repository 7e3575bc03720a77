from .organisation import Station
from .people import Enterprise, ExpertProfile, User
from .reports import (
    ExcellentExclusion,
    ExcellentExpertList,
    ExcellentExpertMember,
    ReportKind,
    StatsReport,
)
from .rewards import RewardEntry, RewardKind, RewardRule

__all__ = [
    "Enterprise",
    "ExcellentExclusion",
    "ExcellentExpertList",
    "ExcellentExpertMember",
    "ExpertProfile",
    "ReportKind",
    "RewardEntry",
    "RewardKind",
    "RewardRule",
    "Station",
    "StatsReport",
    "User",
]
