"""The station's bookkeeping over the demo year: rewards decided, reports kept."""

import datetime

from django.utils import timezone

from stations.models import RewardEntry, User
from stations.reports import run_due_reports
from stations.rewards import reward_entries_approve, reward_entries_mark_paid

#: how long after the event the director approved a reward, and it was paid
APPROVAL_LAG = datetime.timedelta(days=30)
PAYMENT_LAG = datetime.timedelta(days=90)


def settle_rewards(tally, *, director: User) -> None:
    """The director approves last months' rewards and the older ones are paid."""
    today = timezone.localdate()
    Status = RewardEntry.Status
    to_approve = RewardEntry.objects.filter(
        status=Status.PENDING, event_date__lt=today - APPROVAL_LAG
    )
    approved = reward_entries_approve(entries=list(to_approve), actor=director)
    to_pay = RewardEntry.objects.filter(
        status=Status.APPROVED, event_date__lt=today - PAYMENT_LAG
    )
    paid = reward_entries_mark_paid(entries=list(to_pay), actor=director)
    for _entry in approved:
        tally.add("rewards approved", created=True)
    for _entry in paid:
        tally.add("rewards paid", created=True)


def keep_reports(tally) -> None:
    """Generate the reports the station would have kept over the demo period."""
    reports = run_due_reports()
    for _report in reports:
        tally.add("statistics reports", created=True)
