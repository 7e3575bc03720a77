"""Settings of the load run (bench/load.py): production's, with static files
referenced by plain names so the run needs no collectstatic (static files are
not what it measures)."""

from config.settings.production import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
