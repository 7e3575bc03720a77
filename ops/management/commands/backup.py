"""Write a backup archive: database, uploaded files, manifest (cron, daily)."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from ops.backup import backup_create


class Command(BaseCommand):
    help = "Back up the database and uploaded files into one .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="Folder for the archive (default: var/backups).",
        )

    def handle(self, *args, output: Path | None, **options):
        directory = output or Path(settings.VAR_DIR) / "backups"
        with translation.override(settings.LANGUAGE_CODE):
            try:
                backup_create(directory=directory, progress=self.stdout.write)
            except (ValidationError, OSError) as error:
                raise CommandError(
                    " ".join(getattr(error, "messages", [str(error)]))
                ) from error
