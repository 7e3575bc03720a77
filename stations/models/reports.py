"""Kept statistics (Art. 12, 13) and the year-end excellent-expert list (Art. 18)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    TWICE_WEEKLY = "twice_weekly", _("Twice-weekly answer count (Art. 12)")
    MONTHLY = "monthly", _("Monthly summary and resolution tracking (Art. 13)")


class StatsReport(models.Model):
    """An immutable snapshot of one period's statistics, generated once."""

    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind)
    #: First day of the period (Asia/Shanghai), inclusive.
    period_start = models.DateField(_("period start"))
    #: Day after the period (Asia/Shanghai), exclusive.
    period_end = models.DateField(_("period end (exclusive)"))
    generated_at = models.DateTimeField(_("generated at"), auto_now_add=True)
    data = models.JSONField(_("figures"), default=dict)
    #: Empty: the whole province; else the station's team and enterprises only.
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("station"),
    )

    class Meta:
        verbose_name = _("statistics report")
        verbose_name_plural = _("statistics reports")
        ordering = ["-period_start", "kind", "station"]
        constraints = [
            # NULL never equals NULL in a unique index: the province-wide report
            # needs its own constraint.
            models.UniqueConstraint(
                fields=["kind", "period_start"],
                condition=models.Q(station__isnull=True),
                name="stats_report_once_per_period",
            ),
            models.UniqueConstraint(
                fields=["kind", "period_start", "station"],
                condition=models.Q(station__isnull=False),
                name="stats_report_once_per_period_and_station",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gt=models.F("period_start")),
                name="stats_report_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        where = self.station.name if self.station_id else _("Whole province")
        return (
            f"{self.get_kind_display()} {self.period_start} – {self.period_end}"
            f"（{where}）"
        )

    def save(self, *args, **kwargs):
        # A kept report is a record of what was reported: it is never rewritten.
        if not self._state.adding:
            raise ValidationError(_("A generated report cannot be changed."))
        super().save(*args, **kwargs)


class ExcellentExclusion(models.Model):
    """The director's recorded reason for leaving a candidate off a year's list."""

    year = models.PositiveSmallIntegerField(_("year"))
    expert = models.ForeignKey(
        "stations.ExpertProfile",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("expert"),
    )
    reason = models.TextField(_("reason"))
    excluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("excluded by"),
    )
    excluded_at = models.DateTimeField(_("excluded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("excluded candidate")
        verbose_name_plural = _("excluded candidates")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "expert"], name="excellent_exclusion_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.expert}"


class ExcellentExpertList(models.Model):
    """The approved and published list of one year's excellent experts (Art. 18)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), auto_now_add=True)
    #: The weights the ranking used, kept so the list can be explained later.
    weights = models.JSONField(_("weights"), default=dict)

    class Meta:
        verbose_name = _("excellent-expert list")
        verbose_name_plural = _("excellent-expert lists")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class ExcellentExpertMember(models.Model):
    """One expert on a year's excellent-expert list, with the score's components."""

    list = models.ForeignKey(
        ExcellentExpertList,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("list"),
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    expert = models.ForeignKey(
        "stations.ExpertProfile",
        on_delete=models.PROTECT,
        related_name="excellent_memberships",
        verbose_name=_("expert"),
    )
    score = models.DecimalField(_("score"), max_digits=10, decimal_places=3)
    components = models.JSONField(_("score components"), default=dict)

    class Meta:
        verbose_name = _("excellent expert")
        verbose_name_plural = _("excellent experts")
        ordering = ["list", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["list", "expert"], name="excellent_member_once"
            ),
            models.UniqueConstraint(
                fields=["list", "rank"], name="excellent_rank_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.list.year} #{self.rank} {self.expert}"
