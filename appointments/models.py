"""Appointment letters (聘书) and periodic assessments (考核) of experts (§4.3)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Not yet in force")
    VALID = "valid", _("Valid")
    EXPIRING = "expiring", _("Valid, expiring soon")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class LetterCounter(models.Model):
    """The last sequence number given out in a year; locked while a letter is issued."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("letter counter")
        verbose_name_plural = _("letter counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class AppointmentLetter(models.Model):
    """A numbered letter appointing a verified expert to the online team for a term."""

    expert = models.ForeignKey(
        "stations.ExpertProfile",
        on_delete=models.PROTECT,
        related_name="appointment_letters",
        verbose_name=_("expert"),
    )
    #: the station whose team the expert joins, as it was when the letter was issued
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointment_letters",
        verbose_name=_("station"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence number"))
    number = models.CharField(_("letter number"), max_length=40, unique=True)
    start = models.DateField(_("term starts"))
    end = models.DateField(_("term ends"))
    issued_on = models.DateField(_("issue date"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issued by"),
    )
    #: the letter this one renews, so that the terms form one chain
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewal",
        verbose_name=_("renews letter"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        verbose_name = _("appointment letter")
        verbose_name_plural = _("appointment letters")
        ordering = ["-year", "-sequence"]
        permissions = [
            (
                "issue_appointmentletter",
                _("Can issue, renew and revoke appointment letters"),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="appointments_letter_sequence_once"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="appointments_letter_term_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def status(self) -> str:
        from appointments.selectors import letter_status

        return letter_status(self)

    def get_status_display(self) -> str:
        return LetterStatus(self.status).label


class Half(models.TextChoices):
    FIRST = "H1", _("First half")
    SECOND = "H2", _("Second half")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")


#: lowest score of each grade, best first (anything below the last is a fail)
GRADE_THRESHOLDS: list[tuple[Decimal, str]] = [
    (Decimal("90"), Grade.EXCELLENT),
    (Decimal("75"), Grade.GOOD),
    (Decimal("60"), Grade.PASS),
]


class Assessment(models.Model):
    """The director's assessment of one expert for one half-year (notice §4.3)."""

    expert = models.ForeignKey(
        "stations.ExpertProfile",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("expert"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2014), MaxValueValidator(2100)]
    )
    half = models.CharField(_("half-year"), max_length=2, choices=Half)
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    grade = models.CharField(_("grade"), max_length=10, choices=Grade, editable=False)
    comment = models.TextField(_("comment"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    assessed_at = models.DateTimeField(_("assessed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-year", "-half", "expert__real_name"]
        permissions = [("record_assessment", _("Can record expert assessments"))]
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "year", "half"],
                name="appointments_assessment_once_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert.real_name} {self.period_label}"

    @property
    def period_label(self) -> str:
        return f"{self.year} {self.get_half_display()}"

    @property
    def period_start(self) -> datetime.date:
        return datetime.date(self.year, 1 if self.half == Half.FIRST else 7, 1)

    @property
    def period_end(self) -> datetime.date:
        if self.half == Half.FIRST:
            return datetime.date(self.year, 6, 30)
        return datetime.date(self.year, 12, 31)
