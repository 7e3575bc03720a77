"""Web views of the Q&A workflow; the rules live in services and selectors."""

from qa.views.answers import (
    answer_accept,
    answer_create,
    answer_note,
    answer_revise,
    my_answers,
    reply_create,
)
from qa.views.problems import (
    problem_create,
    problem_detail,
    problem_edit,
    problem_list,
    problem_status,
    similar_problems,
    tag_detail,
)

__all__ = [
    "answer_accept",
    "answer_create",
    "answer_note",
    "answer_revise",
    "my_answers",
    "problem_create",
    "problem_detail",
    "problem_edit",
    "problem_list",
    "problem_status",
    "reply_create",
    "similar_problems",
    "tag_detail",
]
