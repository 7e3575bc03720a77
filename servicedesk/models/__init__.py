"""The station's desk work: visitors, service organisations and referrals,
on-site services and matchmaking-fair solutions (notice §4.1, Art. 16, 17)."""

from servicedesk.models.onsite import (
    FairSolution,
    OnSiteEvidence,
    OnSiteService,
    RecordStatus,
)
from servicedesk.models.organisations import (
    Referral,
    ReferralEvent,
    ReferralStatus,
    ServiceOrganisation,
)
from servicedesk.models.visits import Visit, VisitChannel

__all__ = [
    "FairSolution",
    "OnSiteEvidence",
    "OnSiteService",
    "RecordStatus",
    "Referral",
    "ReferralEvent",
    "ReferralStatus",
    "ServiceOrganisation",
    "Visit",
    "VisitChannel",
]
