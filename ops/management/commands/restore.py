"""Restore a backup archive, then rebuild the search index."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from ops.backup import backup_restore, model_counts


class Command(BaseCommand):
    help = "Restore the database and uploaded files from a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already holds accounts.",
        )

    def handle(self, *args, archive: Path, force: bool, **options):
        with translation.override(settings.LANGUAGE_CODE):
            try:
                manifest = backup_restore(
                    archive=archive, force=force, progress=self.stdout.write
                )
            except (ValidationError, OSError) as error:
                raise CommandError(
                    " ".join(getattr(error, "messages", [str(error)]))
                ) from error
            counts = model_counts()
            differ = [
                label
                for label, count in manifest["counts"].items()
                if counts.get(label) != count
            ]
            if differ:
                self.stderr.write(
                    _("Row counts differ from the backup's for: %(models)s")
                    % {"models": ", ".join(differ)}
                )
            self.stdout.write(
                _("Restored the backup of %(time)s.") % {"time": manifest["created_at"]}
            )
