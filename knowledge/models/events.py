"""Events (技术对接会, 产学研对接, 技术诊断) and the online registrations for them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import resolve_url
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.search import index

from knowledge.models.base import BodyPage, TaggedPage


class EventKind(models.TextChoices):
    MATCHMAKING_FAIR = "fair", _("Technology matchmaking fair")
    INDUSTRY_ACADEMIA = "iur", _("Industry–university–research matchmaking")
    DIAGNOSIS = "diagnosis", _("Technical diagnosis")


class EventTag(TaggedPage):
    """A tag on an event."""

    content_object = ParentalKey(
        "knowledge.EventPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class EventPage(BodyPage):
    """An event enterprises and experts may register for online."""

    kind = models.CharField(_("kind"), max_length=10, choices=EventKind)
    start_at = models.DateTimeField(_("starts at"))
    end_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=120)
    capacity = models.PositiveIntegerField(
        _("capacity"), help_text=_("How many registrations are accepted.")
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Empty: registration closes when the event starts."),
    )
    tags = ClusterTaggableManager(through=EventTag, blank=True, verbose_name=_("tags"))

    search_fields = [
        *BodyPage.search_fields,
        index.SearchField("place"),
        index.SearchField("organiser"),
        index.FilterField("kind"),
        index.FilterField("start_at"),
    ]
    content_panels = [
        *BodyPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("start_at"), FieldPanel("end_at")]),
                FieldPanel("place"),
                FieldPanel("organiser"),
            ],
            heading=_("Event"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("registration_open"),
                FieldPanel("registration_deadline"),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("tags"),
    ]
    api_fields = [
        *BodyPage.api_fields,
        APIField("kind"),
        APIField("start_at"),
        APIField("end_at"),
        APIField("place"),
        APIField("organiser"),
        APIField("capacity"),
        APIField("registration_open"),
        APIField("registration_deadline"),
        APIField("places_left"),
        APIField("tags"),
    ]
    parent_page_types = ["knowledge.SectionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def clean(self):
        super().clean()
        if self.start_at and self.end_at and self.end_at < self.start_at:
            raise ValidationError(
                {"end_at": _("An event cannot end before it starts.")}
            )

    def get_context(self, request, *args, **kwargs):
        from knowledge.forms import EventRegistrationForm
        from knowledge.selectors import registration_of

        context = super().get_context(request, *args, **kwargs)
        user = request.user
        context["my_registration"] = registration_of(event=self, user=user)
        context["login_url"] = f"{resolve_url(settings.LOGIN_URL)}?next={self.url}"
        eligible = user.is_authenticated and (
            user.enterprise_or_none is not None or user.is_verified_expert
        )
        context["registration_form"] = (
            EventRegistrationForm.for_user(user) if eligible else None
        )
        return context

    @property
    def registration_closes_at(self):
        return self.registration_deadline or self.start_at

    @property
    def accepts_registrations(self) -> bool:
        """Open for registration: switched on and before the deadline (or start)."""
        return self.registration_open and timezone.now() < self.registration_closes_at

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.registrations.count(), 0)


class EventRegistration(models.Model):
    """One user's registration for an event; at most one per event and user."""

    class Role(models.TextChoices):
        ENTERPRISE = "enterprise", _("Enterprise")
        EXPERT = "expert", _("Expert")

    event = models.ForeignKey(
        EventPage,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("activity"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("account"),
    )
    role = models.CharField(_("registered as"), max_length=10, choices=Role)
    organisation = models.CharField(_("organisation"), max_length=120)
    contact_name = models.CharField(_("contact person"), max_length=50)
    phone = models.CharField(_("phone"), max_length=20)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("For example the problem you want to discuss at the event."),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"], name="knowledge_one_registration_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event.title} · {self.organisation} · {self.contact_name}"

    def registered_at(self) -> str:
        """The registration time in the station's time zone, for the export."""
        return timezone.localtime(self.created_at).strftime("%Y-%m-%d %H:%M")
