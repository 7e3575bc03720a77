"""Template helpers shared by the site's pages."""

import datetime

from django.template import engines
from django.utils import timezone

PAGE = engines["django"].from_string("{% load ops_tags %}[{{ at|minute }}]")


def test_moments_are_written_in_shanghai_time_to_the_minute():
    at = datetime.datetime(2026, 12, 4, 18, 30, 59, tzinfo=datetime.UTC)
    assert PAGE.render({"at": at}) == "[2026-12-05 02:30]"


def test_minute_writes_what_the_date_filter_writes():
    at = timezone.now()
    same = engines["django"].from_string('{{ at|date:"Y-m-d H:i" }}')
    assert PAGE.render({"at": at}) == f"[{same.render({'at': at})}]"


def test_a_missing_moment_is_left_blank():
    assert PAGE.render({"at": None}) == "[]"
    assert PAGE.render({}) == "[]"
