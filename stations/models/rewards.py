"""Reward rules (amounts with effective dates, Art. 15–18, 21) and the ledger."""

from django.conf import settings
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
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ¥{self.amount}"


class RewardEntry(models.Model):
    """One ledger line: an expert rewarded for one verified event."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        APPROVED = "approved", _("Approved")
        PAID = "paid", _("Paid")
        REJECTED = "rejected", _("Rejected")

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
    problem = models.ForeignKey(
        "qa.Problem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reward_entries",
        verbose_name=_("problem"),
    )
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
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reward entry")
        verbose_name_plural = _("reward ledger")
        ordering = ["-event_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "kind", "problem"],
                name="reward_entry_once_per_problem",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} · {self.get_kind_display()} · ¥{self.amount}"
