"""Back up and restore the database and the uploaded files (`make backup`, `make restore`).

    python -m core.backup backup
    python -m core.backup restore NAME [--force]
    python -m core.backup list

The work is django-dbbackup's: `dbbackup` (pg_dump's custom format on PostgreSQL, SQLite's
online backup API on SQLite; both consistent while the site runs) and `mediabackup` (every file
of the default storage, so S3 uploads too), compressed, encrypted with GPG when
DBBACKUP_GPG_RECIPIENT is set, written to the "dbbackup" storage (BACKUP_DIR, or an S3 bucket)
and rotated (BACKUP_KEEP). This module adds what it lacks: one name for the database and the
media of one backup, a refusal to restore over a database with content unless forced, and
counts of content in the backup's metadata, compared after a restore.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from typing import Any

DATE_FORMAT = "%Y-%m-%d-%H%M%S"  # DBBACKUP_DATE_FORMAT: dbbackup finds the date in our names


class BackupError(Exception):
    """A backup or restore cannot go on; the message says why."""


def content_counts(using: str = "default") -> dict[str, int]:
    """Rows per kind of content, written to the metadata and compared after a restore."""
    from django.apps import apps

    counts = {}
    for label in (
        "wagtailcore.Page",
        "wagtailcore.Revision",
        "wagtailcore.Locale",
        "wagtailcore.Site",
        "wagtailcore.Collection",
        "platform_site.CustomImage",
        "wagtaildocs.Document",
        "practices.TargetGroup",
        "practices.Approach",
        "municipalities.ContactPerson",
        "platform_site.User",
    ):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        counts[label] = model._base_manager.using(using).count()
    return counts


def applied_migrations(using: str = "default") -> dict[str, str]:
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connections[using]).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def backup_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    """DBBACKUP_BACKUP_METADATA_SETTER: what the restore is checked against."""
    return {
        "created": datetime.now(UTC).isoformat(),
        "counts": content_counts(),
        "migrations": applied_migrations(),
    }


def _encrypt() -> bool:
    from django.conf import settings

    return bool(getattr(settings, "DBBACKUP_GPG_RECIPIENT", None))


def _storage():
    from dbbackup.storage import get_storage

    return get_storage()


def database_filename(name: str, using: str = "default") -> str:
    from dbbackup.db.base import get_connector

    filename = f"{name}-database.{get_connector(using).extension}.gz"
    return f"{filename}.gpg" if _encrypt() else filename


def media_filename(name: str) -> str:
    return f"{name}-media.tar.gz" + (".gpg" if _encrypt() else "")


def backup(using: str = "default") -> str:
    """Write a new backup (database and media under one name) and return its name."""
    from django.conf import settings
    from django.core.management import call_command

    name = datetime.now(UTC).strftime(DATE_FORMAT)
    storage = _storage()
    while storage.storage.exists(database_filename(name, using)):  # two backups within a second
        name = f"{name}-1"
    clean = bool(getattr(settings, "BACKUP_KEEP", 0))
    options = {"compress": True, "encrypt": _encrypt(), "clean": clean, "verbosity": 0}
    call_command(
        "dbbackup", database=using, output_filename=database_filename(name, using), **options
    )
    call_command("mediabackup", output_filename=media_filename(name), **options)
    return name


def list_backups() -> list[str]:
    """The names of the backups in the storage, newest first."""
    suffix = "-database."
    try:
        entries = _storage().list_backups(content_type="db")
    except FileNotFoundError:  # no backup written yet: BACKUP_DIR does not exist
        return []
    names = {entry.split(suffix)[0] for entry in entries if suffix in entry}
    return sorted(names, reverse=True)


def read_metadata(name: str, using: str = "default") -> dict[str, Any]:
    storage = _storage()
    filename = database_filename(name, using)
    if not storage.storage.exists(filename):
        known = ", ".join(list_backups()[:5]) or "none"
        raise BackupError(f"There is no backup named {name!r} (the latest: {known}).")
    try:
        return json.load(storage.read_file(f"{filename}.metadata"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"The backup {name!r} has no readable metadata: {exc}") from exc


def _has_tables(using: str) -> bool:
    from django.db import connections

    return bool(connections[using].introspection.table_names())


def restore_database(name: str, using: str = "default") -> None:
    """Restore a backup's database into the database of a DATABASES alias."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    filename = database_filename(name, using)
    if not _storage().storage.exists(filename):
        raise BackupError(f"There is no backup named {name!r}.")
    try:
        call_command(
            "dbrestore",
            database=using,
            input_filename=filename,
            uncompress=True,
            decrypt=_encrypt(),
            interactive=False,
            verbosity=0,
        )
    except CommandError as exc:  # e.g. a PostgreSQL backup restored on SQLite
        raise BackupError(str(exc)) from exc


def restore_media(name: str) -> None:
    """Restore a backup's files into the default storage, replacing files of the same name."""
    from django.core.management import call_command

    call_command(
        "mediarestore",
        input_filename=media_filename(name),
        uncompress=True,
        decrypt=_encrypt(),
        replace=True,
        interactive=False,
        verbosity=0,
    )


def restore(name: str, force: bool = False, using: str = "default") -> dict[str, int]:
    """Restore a backup; returns the content counts found after the restore."""
    from django.db import connections

    read_metadata(name, using)  # a clear message for a name that is not a backup
    if _has_tables(using) and not force:
        raise BackupError(
            "The database is not empty. Restore into an empty database, or pass --force "
            "(make restore FORCE=1) to replace everything in it."
        )
    connections[using].close()  # pg_restore --clean and the SQLite copy need it unused
    restore_database(name, using)
    restore_media(name)
    from .cache import purge_page_cache

    purge_page_cache()
    return content_counts(using)


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_site.settings.dev")
    import django

    django.setup()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("backup", help="write a new backup")
    commands.add_parser("list", help="the backups in the storage, newest first")
    load = commands.add_parser("restore", help="restore a backup by name")
    load.add_argument("name", help="a name from `list`, e.g. 2026-12-02-190000")
    load.add_argument("--force", action="store_true", help="replace a non-empty database")
    args = parser.parse_args(argv)
    try:
        if args.command == "backup":
            sys.stdout.write(f"Backup written: {backup()}\n")
        elif args.command == "list":
            sys.stdout.write("".join(f"{name}\n" for name in list_backups()))
        else:
            name = os.path.basename(args.name.rstrip("/"))  # a path to the backup is fine too
            expected = read_metadata(name).get("counts", {})
            counts = restore(name, force=args.force)
            sys.stdout.write(f"Restored {name}\n")
            for label, count in counts.items():
                mark = (
                    "" if expected.get(label) == count else f"  (backup had {expected.get(label)})"
                )
                sys.stdout.write(f"  {label}: {count}{mark}\n")
            sys.stdout.write("With a search engine, now run: manage.py update_index\n")
    except BackupError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
