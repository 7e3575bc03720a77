"""Models of the Q&A workflow: problems and answers, notifications."""

from qa.models.attachments import ProblemAttachment
from qa.models.messages import ContactConsent, PrivateMessage
from qa.models.notifications import (
    Channel,
    Delivery,
    Frequency,
    Notification,
    NotificationEvent,
    NotificationPreference,
)
from qa.models.problems import (
    PUBLIC_STATUSES,
    Answer,
    ContactChannel,
    Problem,
    ProblemEvent,
    ProblemQuerySet,
    ProblemStatus,
    ProblemUpdate,
    ScreeningStatus,
    SolutionKind,
    Urgency,
    Visibility,
    default_contact_channels,
    validate_contact_channels,
)

__all__ = [
    "PUBLIC_STATUSES",
    "Answer",
    "Channel",
    "ContactChannel",
    "ContactConsent",
    "Delivery",
    "Frequency",
    "Notification",
    "NotificationEvent",
    "NotificationPreference",
    "PrivateMessage",
    "Problem",
    "ProblemAttachment",
    "ProblemEvent",
    "ProblemQuerySet",
    "ProblemStatus",
    "ProblemUpdate",
    "ScreeningStatus",
    "SolutionKind",
    "Urgency",
    "Visibility",
    "default_contact_channels",
    "validate_contact_channels",
]
