from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: abuse limits, security headers, backup and restore."""

    name = "ops"
    verbose_name = _("Operations and security")
    default_auto_field = "django.db.models.BigAutoField"
