from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stations"
    verbose_name = _("Station")

    def ready(self) -> None:
        from stations.roles import ensure_role_groups

        post_migrate.connect(ensure_role_groups, dispatch_uid="stations_role_groups")
