"""The visitor log (来访登记): who came, rang or wrote to the station, and why."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelsearch import index
from modelsearch.queryset import SearchableQuerySetMixin


class VisitChannel(models.TextChoices):
    WALK_IN = "walk_in", _("Walk-in")
    PHONE = "phone", _("Phone call")
    ONLINE = "online", _("Online enquiry")


class VisitQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class Visit(index.Indexed, models.Model):
    """One visit, call or online enquiry received by a station."""

    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("station"),
    )
    visited_at = models.DateTimeField(_("date and time"), default=timezone.now)
    channel = models.CharField(
        _("channel"), max_length=10, choices=VisitChannel, default=VisitChannel.WALK_IN
    )
    visitor_name = models.CharField(_("visitor's name"), max_length=50)
    organisation = models.CharField(_("visitor's organisation"), max_length=120)
    contact = models.CharField(_("contact (phone or e-mail)"), max_length=120)
    enterprise = models.ForeignKey(
        "stations.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("registered enterprise"),
        help_text=_("If the visitor's company is registered on the site."),
    )
    topic = models.CharField(_("topic"), max_length=120)
    question = models.TextField(_("question"))
    is_policy_question = models.BooleanField(_("policy question"), default=False)
    reply = models.TextField(_("reply given"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("handled by"),
    )
    follow_up_needed = models.BooleanField(_("follow-up needed"), default=False)
    follow_up_note = models.TextField(_("follow-up note"), blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    problem = models.ForeignKey(
        "qa.Problem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("problem created from this visit"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = VisitQuerySet.as_manager()

    search_fields = [
        index.SearchField("visitor_name", boost=2),
        index.SearchField("organisation", boost=2),
        index.SearchField("topic", boost=2),
        index.SearchField("question"),
        index.SearchField("reply"),
        index.FilterField("station_id"),
        index.FilterField("channel"),
        index.FilterField("follow_up_needed"),
        index.FilterField("follow_up_done"),
        index.FilterField("visited_at"),
    ]

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visitor log")
        ordering = ["-visited_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.visitor_name}（{self.organisation}）· {self.topic}"
