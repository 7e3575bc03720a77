"""Writes of the Q&A workflow; callers use `from qa import services`."""

from qa.services.answers import (
    answer_accept,
    answer_create,
    answer_note_set,
    answer_revise,
    answer_screen,
    can_reply,
    reply_create,
)
from qa.services.problems import (
    ALLOWED_TRANSITIONS,
    problem_add_update,
    problem_change_status,
    problem_check,
    problem_create,
    problem_edit,
    problem_moves_for,
    problem_transition,
)

__all__ = [
    "ALLOWED_TRANSITIONS",
    "answer_accept",
    "answer_create",
    "answer_note_set",
    "answer_revise",
    "answer_screen",
    "can_reply",
    "problem_add_update",
    "problem_change_status",
    "problem_check",
    "problem_create",
    "problem_edit",
    "problem_moves_for",
    "problem_transition",
    "reply_create",
]
