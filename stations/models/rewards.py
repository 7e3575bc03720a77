"""Reward rules (amounts with effective dates, Art. 15–18, 21) and the ledger."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class RewardKind(models.TextChoices):
    ONLINE = "online", _("Problem solved online (Art. 15)")
    ON_SITE = "on_site", _("Problem solved on site (Art. 16)")
    FAIR = "fair", _("Problem solved at the matchmaking fair (Art. 17)")
    EXCELLENT = "excellent", _("Year-end excellent expert (Art. 18)")


class RewardRule(models.Model):
    """The amount paid for one kind of rewarded event during a period."""

    kind = models.CharField(_("kind"), max_length=20, choices=RewardKind)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=10, decimal_places=2)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(
        _("effective to"), null=True, blank=True, help_text=_("Empty: still in force.")
    )

    class Meta:
        verbose_name = _("reward rule")
        verbose_name_plural = _("reward rules")
        ordering = ["kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "effective_from"], name="reward_rule_unique_start"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="reward_rule_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
                name="reward_rule_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ¥{self.amount}"

    def clean(self) -> None:
        """Two rules of one kind may not both be in force on any day (Art. 21)."""
        if self.effective_to and self.effective_to < self.effective_from:
            raise ValidationError(
                {"effective_to": _("The end date is before the start date.")}
            )
        overlapping = RewardRule.objects.filter(kind=self.kind).exclude(pk=self.pk)
        overlapping = overlapping.exclude(effective_to__lt=self.effective_from)
        if self.effective_to:
            overlapping = overlapping.exclude(effective_from__gt=self.effective_to)
        clash = overlapping.first()
        if clash:
            raise ValidationError(
                _(
                    "This period overlaps the rule in force from %(start)s; "
                    "end that rule first."
                )
                % {"start": clash.effective_from.isoformat()}
            )


class RewardEntry(models.Model):
    """One ledger line: an expert rewarded for one verified event."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        APPROVED = "approved", _("Approved")
        PAID = "paid", _("Paid")
        REJECTED = "rejected", _("Rejected")
        REVERSED = "reversed", _("Reversed")

    expert = models.ForeignKey(
        "stations.ExpertProfile",
        on_delete=models.PROTECT,
        related_name="reward_entries",
        verbose_name=_("expert"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RewardKind)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=10, decimal_places=2)
    rule = models.ForeignKey(
        RewardRule, on_delete=models.PROTECT, verbose_name=_("rule applied")
    )
    #: The rewarded problem (online, on site, fair); on-site and fair records add
    #: their own source link later, next to this one.
    problem = models.ForeignKey(
        "qa.Problem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reward_entries",
        verbose_name=_("problem"),
    )
    #: The rewarded year, for the year-end excellent-expert kind.
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    event_date = models.DateField(_("event date"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved or rejected by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked paid by"),
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    reversed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reversed by"),
    )
    reversed_at = models.DateTimeField(_("reversed at"), null=True, blank=True)
    reversal_reason = models.TextField(_("reason for reversal"), blank=True)

    class Meta:
        verbose_name = _("reward entry")
        verbose_name_plural = _("reward ledger")
        ordering = ["-event_date", "-pk"]
        permissions = [
            ("approve_rewardentry", _("Can approve or reject reward entries")),
            ("pay_rewardentry", _("Can mark reward entries paid")),
        ]
        constraints = [
            # A reversed line no longer counts: the event may be rewarded again
            # if it happens again (a reopened problem solved a second time).
            models.UniqueConstraint(
                fields=["expert", "kind", "problem"],
                condition=models.Q(problem__isnull=False)
                & ~models.Q(status="reversed"),
                name="reward_entry_once_per_problem",
            ),
            models.UniqueConstraint(
                fields=["expert", "kind", "year"],
                condition=models.Q(kind="excellent") & ~models.Q(status="reversed"),
                name="reward_entry_once_per_year",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="excellent") | models.Q(year__isnull=False),
                name="reward_entry_excellent_has_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} · {self.get_kind_display()} · ¥{self.amount}"
