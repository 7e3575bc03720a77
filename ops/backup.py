"""Backup and restore: one .tar.gz with the database, the uploaded files and a manifest.

The search index is not saved: it is rebuilt from the database after a restore.
SQLite is copied with sqlite3's online backup API (a consistent snapshot while the
site keeps running); PostgreSQL with pg_dump's custom format (one snapshot too).
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path

import django
import wagtail
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

#: version of the archive layout; restore refuses others
FORMAT = 1
MANIFEST = "manifest.json"
#: uploaded files: public media and the private problem attachments
FILE_TREES = {"media": "MEDIA_ROOT", "private": "QA_PRIVATE_MEDIA_ROOT"}

Progress = Callable[[str], None]


def _app_version() -> str:
    pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
    with pyproject.open("rb") as file:
        return tomllib.load(file)["project"]["version"]


def _vendor(alias: str = DEFAULT_DB_ALIAS) -> str:
    return connections[alias].vendor


def _applied_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[list[str]]:
    loader = MigrationLoader(connections[alias], ignore_no_migrations=True)
    return sorted([app, name] for app, name in loader.applied_migrations)


def model_counts() -> dict[str, int]:
    """Rows per model, the figures a restore is checked against."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def _manifest() -> dict:
    return {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "versions": {
            "xunjie": _app_version(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
        },
        "database": _vendor(),
        "migrations": _applied_migrations(),
        "counts": model_counts(),
    }


def _dump_sqlite(target: Path) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()


def _pg_env(alias: str = DEFAULT_DB_ALIAS) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore; the password via PGPASSWORD."""
    db = connections[alias].settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise ValidationError(
            _("%(program)s failed: %(error)s")
            % {"program": command[0], "error": result.stderr.strip()[-500:]}
        )


def _dump_database(folder: Path) -> str:
    vendor = _vendor()
    if vendor == "sqlite":
        _dump_sqlite(folder / "db.sqlite3")
        return "database/db.sqlite3"
    if vendor == "postgresql":
        args, env = _pg_env()
        _run(
            ["pg_dump", "--format=custom", "--file", str(folder / "db.dump"), *args],
            env,
        )
        return "database/db.dump"
    raise ValidationError(
        _("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": vendor}
    )


def backup_create(*, directory: Path, progress: Progress = print) -> Path:
    """Write one consistent archive of the database and uploaded files; its path."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = directory / f"xunjie-{stamp}.tar.gz"
    partial = archive.with_name(archive.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="xunjie-backup-") as scratch:
        scratch = Path(scratch)
        progress(_("Copying the database…"))
        manifest = _manifest()
        (scratch / "database").mkdir()
        manifest["database_file"] = _dump_database(scratch / "database")
        (scratch / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        try:
            with tarfile.open(partial, "w:gz") as tar:
                tar.add(scratch / MANIFEST, arcname=MANIFEST)
                tar.add(scratch / "database", arcname="database")
                for name, setting in FILE_TREES.items():
                    root = Path(getattr(settings, setting))
                    if root.is_dir():
                        progress(_("Adding the files in %(path)s…") % {"path": root})
                        tar.add(root, arcname=name)
        except OSError:
            partial.unlink(missing_ok=True)  # never leave half an archive behind
            raise
    partial.rename(archive)
    progress(_("Backup written: %(path)s") % {"path": archive})
    return archive


def read_manifest(archive: Path) -> dict:
    """The archive's manifest, refused if it is not a backup this code can restore."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            manifest = json.load(member)
    except (OSError, KeyError, tarfile.TarError, ValueError) as error:
        raise ValidationError(
            _("%(path)s is not a Xunjie backup (%(error)s).")
            % {"path": archive, "error": error}
        ) from error
    if manifest.get("format") != FORMAT:
        raise ValidationError(_("This backup was written in an unknown format."))
    if manifest.get("database") != _vendor():
        raise ValidationError(
            _("This backup holds a %(theirs)s database; this site uses %(ours)s.")
            % {"theirs": manifest.get("database"), "ours": _vendor()}
        )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    unknown = [
        m for m in manifest["migrations"] if tuple(m) not in loader.disk_migrations
    ]
    if unknown:
        raise ValidationError(
            _(
                "This backup was made by a newer version of the site "
                "(unknown migrations, e.g. %(example)s); update the code first."
            )
            % {"example": ".".join(unknown[0])}
        )
    return manifest


def database_is_empty() -> bool:
    """True when no account exists yet: nothing a restore could overwrite."""
    connection = connections[DEFAULT_DB_ALIAS]
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    if user_model._meta.db_table not in connection.introspection.table_names():
        return True
    return not user_model._base_manager.exists()


def _restore_sqlite(copy: Path) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    connection.close()
    connection.ensure_connection()
    with sqlite3.connect(copy) as source:
        source.backup(connection.connection)
    source.close()


def _restore_database(folder: Path, name: str) -> None:
    path = folder / name
    if _vendor() == "sqlite":
        _restore_sqlite(path)
        return
    connections[DEFAULT_DB_ALIAS].close()
    args, env = _pg_env()
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", *args, str(path)], env)


def _restore_files(folder: Path, progress: Progress) -> None:
    for name, setting in FILE_TREES.items():
        source = folder / name
        target = Path(getattr(settings, setting))
        if target.exists():
            shutil.rmtree(target)
        if source.is_dir():
            progress(_("Restoring the files in %(path)s…") % {"path": target})
            shutil.copytree(source, target)


def backup_restore(*, archive: Path, force: bool, progress: Progress = print) -> dict:
    """Bring back the database and files of an archive, then rebuild the index."""
    from django.core.management import call_command

    manifest = read_manifest(archive)
    if not force and not database_is_empty():
        raise ValidationError(
            _(
                "The database already holds accounts; restoring would overwrite "
                "them. Run again with --force to replace everything."
            )
        )
    with tempfile.TemporaryDirectory(prefix="xunjie-restore-") as scratch:
        scratch = Path(scratch)
        progress(_("Unpacking %(path)s…") % {"path": archive})
        with tarfile.open(archive, "r:gz") as tar:
            # the "data" filter refuses absolute paths, "..", links and devices
            tar.extractall(scratch, filter="data")
        progress(_("Restoring the database…"))
        _restore_database(scratch, manifest["database_file"])
        _restore_files(scratch, progress)
    progress(_("Applying newer migrations, if any…"))
    call_command("migrate", interactive=False, verbosity=0)
    progress(_("Rebuilding the search index…"))
    call_command("rebuild_modelsearch_index", verbosity=0)
    return manifest
