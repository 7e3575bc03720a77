"""Technical problems, their timeline and updates, and answers as threaded comments."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
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


class Urgency(models.TextChoices):
    LOW = "low", _("Not urgent")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("Urgent")
    CRITICAL = "critical", _("Very urgent: production is stopped")


class ContactChannel(models.TextChoices):
    SITE = "site", _("On this site")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    EXPERTS = "experts", _("Experts only")
    ANONYMOUS = "anonymous", _("Public, company name hidden")


def validate_contact_channels(value) -> None:
    """At least one known channel: experts must have a way to reach the company."""
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one way to be contacted."))
    unknown = set(value) - set(ContactChannel.values)
    if unknown:
        raise ValidationError(_("Unknown contact channel."))


def default_contact_channels() -> list[str]:
    return [ContactChannel.SITE]


class ProblemQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def public(self):
        """What anyone, logged in or not, may read."""
        return self.filter(
            status__in=PUBLIC_STATUSES,
            visibility__in=[Visibility.PUBLIC, Visibility.ANONYMOUS],
        )

    def published(self):
        """Past the clerk check, whatever the audience."""
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
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency, default=Urgency.NORMAL
    )
    contact_channels = models.JSONField(
        _("preferred contact channels"),
        default=default_contact_channels,
        validators=[validate_contact_channels],
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility,
        default=Visibility.PUBLIC,
        db_index=True,
    )
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
    satisfaction_comment = models.TextField(
        _("enterprise's comment on the solution"), blank=True
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
        # The API searches within the problems the reader may see (pk__in).
        index.FilterField("id"),
        index.FilterField("status"),
        index.FilterField("industry"),
        index.FilterField("region"),
        index.FilterField("visibility"),
        index.FilterField("enterprise_id"),
        index.FilterField("created_at"),
    ]

    class Meta:
        verbose_name = _("technical problem")
        verbose_name_plural = _("technical problems")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The lists read the newest 20 in this order: an index walk instead
            # of sorting every public problem (56 ms at 100,000).
            models.Index(fields=["-created_at", "-id"], name="qa_problem_newest"),
            # The same for one status (solved on the home page, the status filter).
            models.Index(
                fields=["status", "-created_at", "-id"], name="qa_problem_status_newest"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("qa:problem_detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        """Readable by anyone: past the clerk check and not for experts only."""
        return self.status in PUBLIC_STATUSES and self.visibility != Visibility.EXPERTS

    @property
    def is_published(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def publisher_name(self) -> str:
        """The company name, unless the enterprise asked to stay anonymous."""
        if self.visibility == Visibility.ANONYMOUS:
            return str(_("An enterprise (name withheld)"))
        return self.enterprise.name

    @property
    def is_editable(self) -> bool:
        """Enterprises edit freely until the first answer; then they add updates."""
        return self.status in (
            ProblemStatus.DRAFT,
            ProblemStatus.SUBMITTED,
            ProblemStatus.OPEN,
        )

    def get_contact_channels_display(self) -> list[str]:
        return [str(ContactChannel(c).label) for c in self.contact_channels]


class ProblemUpdate(models.Model):
    """Text an enterprise adds to its problem once it has been answered."""

    problem = models.ForeignKey(
        Problem, on_delete=models.CASCADE, related_name="updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    text = models.TextField(_("update"))
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("problem update")
        verbose_name_plural = _("problem updates")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.problem_id}: {self.text[:30]}"


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
    REVISION = "revision", _("Revision requested")


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
    staff_note = models.TextField(
        _("staff note"),
        blank=True,
        help_text=_("Seen by station staff only."),
    )

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
