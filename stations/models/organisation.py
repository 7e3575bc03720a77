"""The service stations: the provincial station and its city and county stations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.choices import Region


class Station(models.Model):
    """A service station (notice §3); the provincial one has no parent."""

    class Level(models.TextChoices):
        PROVINCIAL = "provincial", _("Provincial station")
        CITY = "city", _("City station")
        COUNTY = "county", _("County station")

    name = models.CharField(_("name"), max_length=120, unique=True)
    level = models.CharField(_("level"), max_length=12, choices=Level)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent station"),
    )
    region = models.CharField(
        _("region"),
        max_length=20,
        choices=Region,
        blank=True,
        help_text=_("Empty for the provincial station, which serves the province."),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="directed_stations",
        verbose_name=_("director"),
    )
    clerks = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="clerk_stations",
        verbose_name=_("clerks"),
    )

    class Meta:
        verbose_name = _("station")
        verbose_name_plural = _("stations")
        ordering = ["level", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level="provincial", parent__isnull=True)
                | (~models.Q(level="provincial") & models.Q(parent__isnull=False)),
                name="station_only_provincial_has_no_parent",
            ),
            models.UniqueConstraint(
                fields=["level"],
                condition=models.Q(level="provincial"),
                name="station_one_provincial",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clerk_names(self) -> str:
        return "、".join(
            clerk.get_full_name() or clerk.username for clerk in self.clerks.all()
        )
