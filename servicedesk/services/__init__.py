"""Writes of the service desk; each checks who may act and on which station."""

from servicedesk.services.fairs import (
    fair_solution_record,
    fair_solution_revoke,
    fair_solution_verify,
)
from servicedesk.services.onsite import (
    onsite_answer,
    onsite_reject,
    onsite_report,
    onsite_verify,
)
from servicedesk.services.referrals import referral_create, referral_move
from servicedesk.services.visits import visit_create, visit_to_problem

__all__ = [
    "fair_solution_record",
    "fair_solution_revoke",
    "fair_solution_verify",
    "onsite_answer",
    "onsite_reject",
    "onsite_report",
    "onsite_verify",
    "referral_create",
    "referral_move",
    "visit_create",
    "visit_to_problem",
]
