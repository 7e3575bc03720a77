from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "experts"
    verbose_name = _("Expert roster")
