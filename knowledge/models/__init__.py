"""Wagtail pages of the station's public site: technologies, policies, news, events."""

from knowledge.models.base import Attachment, BodyPage, TaggedPage
from knowledge.models.detail import (
    NewsPage,
    NewsTag,
    PolicyAttachment,
    PolicyPage,
    PolicyTag,
    TechnologyAttachment,
    TechnologyNoticePage,
    TechnologyTag,
)
from knowledge.models.events import EventKind, EventPage, EventRegistration, EventTag
from knowledge.models.pages import HomePage, SectionIndexPage, StandardPage
from knowledge.models.site_settings import StationSettings

__all__ = [
    "Attachment",
    "BodyPage",
    "EventKind",
    "EventPage",
    "EventRegistration",
    "EventTag",
    "HomePage",
    "NewsPage",
    "NewsTag",
    "PolicyAttachment",
    "PolicyPage",
    "PolicyTag",
    "SectionIndexPage",
    "StandardPage",
    "StationSettings",
    "TaggedPage",
    "TechnologyAttachment",
    "TechnologyNoticePage",
    "TechnologyTag",
]
