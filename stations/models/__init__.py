from .people import Enterprise, ExpertProfile, User
from .rewards import RewardEntry, RewardRule

__all__ = ["Enterprise", "ExpertProfile", "RewardEntry", "RewardRule", "User"]
