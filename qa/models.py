"""Technical problems, their timeline, and answers as threaded comments."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment
from modelsearch import index
from modelsearch.queryset import SearchableQuerySetMixin
from taggit.managers import TaggableManager

from stations.choices import Industry, Region


class ProblemStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    SOLVED = "solved", _("Solved")
    REFERRED = "referred", _("Referred")
    CLOSED = "closed", _("Closed")


#: Statuses the public can see; drafts and unchecked submissions stay private.
PUBLIC_STATUSES = [
    ProblemStatus.OPEN,
    ProblemStatus.ANSWERED,
    ProblemStatus.SOLVED,
    ProblemStatus.REFERRED,
    ProblemStatus.CLOSED,
]


class SolutionKind(models.TextChoices):
    ONLINE = "online", _("Solved online")
    ON_SITE = "on_site", _("Solved on site")
    FAIR = "fair", _("Solved at the matchmaking fair")


class ProblemQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)


class Problem(index.Indexed, models.Model):
    """A technical problem posted by an enterprise (技术难题)."""

    enterprise = models.ForeignKey(
        "stations.Enterprise",
        on_delete=models.PROTECT,
        related_name="problems",
        verbose_name=_("enterprise"),
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"))
    industry = models.CharField(_("industry"), max_length=20, choices=Industry)
    region = models.CharField(
        _("region"), max_length=20, choices=Region, default=Region.CHANGCHUN
    )
    tags = TaggableManager(verbose_name=_("tags"), blank=True, related_name="problems")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProblemStatus,
        default=ProblemStatus.DRAFT,
        db_index=True,
    )
    solution_kind = models.CharField(
        _("solved"), max_length=10, choices=SolutionKind, blank=True
    )
    accepted_answer = models.OneToOneField(
        "qa.Answer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accepted_for",
        verbose_name=_("accepted answer"),
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("enterprise satisfaction (1–5)"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    solved_at = models.DateTimeField(_("solved at"), null=True, blank=True)

    objects = ProblemQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.FilterField("status"),
        index.FilterField("industry"),
        index.FilterField("region"),
        index.FilterField("enterprise_id"),
        index.FilterField("created_at"),
    ]

    class Meta:
        verbose_name = _("technical problem")
        verbose_name_plural = _("technical problems")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("qa:problem_detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES


class ProblemEvent(models.Model):
    """One line of a problem's timeline: who changed what, when and why."""

    problem = models.ForeignKey(
        Problem, on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_status = models.CharField(
        _("from"), max_length=10, choices=ProblemStatus, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=ProblemStatus)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("problem event")
        verbose_name_plural = _("problem timeline")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.problem_id}: {self.from_status} → {self.to_status}"


class ScreeningStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting screening")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Answer(index.Indexed, XtdComment):
    """An expert's answer (level 0) or a follow-up in its thread (解答)."""

    screening = models.CharField(
        _("screening"),
        max_length=10,
        choices=ScreeningStatus,
        default=ScreeningStatus.PENDING,
        db_index=True,
    )
    quality_score = models.PositiveSmallIntegerField(
        _("quality score (1–5)"), null=True, blank=True
    )
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("screened by"),
    )
    screened_at = models.DateTimeField(_("screened at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    search_fields = [
        index.SearchField("comment"),
        index.FilterField("is_public"),
        index.FilterField("object_pk"),
    ]

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        permissions = [("screen_answer", _("Can screen answers"))]

    @property
    def problem(self) -> Problem:
        return self.content_object

    @property
    def is_answer(self) -> bool:
        """A top-level comment is an answer; deeper ones are thread replies."""
        return self.level == 0

    @classmethod
    def for_problem(cls, problem: Problem):
        return cls.objects.filter(
            content_type=ContentType.objects.get_for_model(Problem),
            object_pk=str(problem.pk),
        )
