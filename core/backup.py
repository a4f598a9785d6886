"""Back up and restore the database and the uploaded files (`make backup`, `make restore`).

    python -m core.backup backup [--output DIR]
    python -m core.backup restore DIR [--force]

A backup is a directory with the database (pg_dump's custom format on PostgreSQL, a copy made
with SQLite's online backup API on SQLite; both exact and consistent while the site runs),
media.tar.gz with MEDIA_ROOT, and manifest.json with counts to check a restore against.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DUMP_NAME = "database.dump"
SQLITE_NAME = "database.sqlite3"
MEDIA_NAME = "media.tar.gz"
MANIFEST_NAME = "manifest.json"


class BackupError(Exception):
    """A backup or restore cannot go on; the message says why."""


def _pg_env(db: dict[str, Any]) -> dict[str, str]:
    """libpq environment for pg_dump/pg_restore, so no password appears in a process list."""
    env = dict(os.environ)
    mapping = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
    for key, var in mapping.items():
        if db.get(key):
            env[var] = str(db[key])
    return env


def _program(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return path


def _is_postgres(db: dict[str, Any]) -> bool:
    return db["ENGINE"] == "django.db.backends.postgresql"


def content_counts(using: str = "default") -> dict[str, int]:
    """Rows per kind of content, written to the manifest and compared after a restore."""
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


def backup_database(target_dir: Path, using: str = "default") -> Path:
    from django.db import connections

    connection = connections[using]
    db = connection.settings_dict
    if _is_postgres(db):
        path = target_dir / DUMP_NAME
        subprocess.run(  # noqa: S603 - fixed program, arguments from settings
            [
                _program("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-acl",
                f"--file={path}",
                db["NAME"],
            ],
            env=_pg_env(db),
            check=True,
        )
        return path
    if db["ENGINE"] == "django.db.backends.sqlite3":
        path = target_dir / SQLITE_NAME
        connection.ensure_connection()
        # The online backup API copies a consistent snapshot, even of an in-memory database.
        with sqlite3.connect(path) as destination:
            connection.connection.backup(destination)
        destination.close()
        return path
    raise BackupError(f"Backing up {db['ENGINE']} is not supported.")


def backup_media(target_dir: Path, media_root: Path) -> Path:
    path = target_dir / MEDIA_NAME
    with tarfile.open(path, "w:gz") as archive:
        if media_root.is_dir():
            archive.add(media_root, arcname="media")
    return path


def backup(output: Path | None = None, using: str = "default") -> Path:
    """Write a new backup directory and return its path."""
    from django.conf import settings

    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    base = Path(output or os.environ.get("BACKUP_DIR") or settings.BASE_DIR / "backups")
    target = base / stamp
    suffix = 1
    while target.exists():  # two backups within a second
        target = base / f"{stamp}-{suffix}"
        suffix += 1
    target.mkdir(parents=True)
    database_file = backup_database(target, using)
    backup_media(target, Path(settings.MEDIA_ROOT))
    manifest = {
        "created": datetime.now(UTC).isoformat(),
        "engine": settings.DATABASES[using]["ENGINE"],
        "database_file": database_file.name,
        "media_file": MEDIA_NAME,
        "counts": content_counts(using),
        "migrations": applied_migrations(using),
    }
    (target / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return target


def _has_tables(using: str) -> bool:
    from django.db import connections

    return bool(connections[using].introspection.table_names())


def restore_database(source: Path, db: dict[str, Any]) -> None:
    """Restore into the database described by a DATABASES entry."""
    manifest = json.loads((source / MANIFEST_NAME).read_text())
    if _is_postgres(db):
        if manifest["database_file"] != DUMP_NAME:
            raise BackupError("This backup is of an SQLite database; restore it on SQLite.")
        subprocess.run(  # noqa: S603
            [
                _program("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-acl",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={db['NAME']}",
                str(source / DUMP_NAME),
            ],
            env=_pg_env(db),
            check=True,
        )
        return
    if db["ENGINE"] == "django.db.backends.sqlite3":
        if manifest["database_file"] != SQLITE_NAME:
            raise BackupError("This backup is of a PostgreSQL database; restore it on PostgreSQL.")
        with (
            sqlite3.connect(source / SQLITE_NAME) as backup_db,
            sqlite3.connect(db["NAME"]) as target,
        ):
            backup_db.backup(target)
        return
    raise BackupError(f"Restoring into {db['ENGINE']} is not supported.")


def restore_media(source: Path, media_root: Path) -> None:
    with tarfile.open(source / MEDIA_NAME, "r:gz") as archive:
        staging = media_root.parent / f".restore-{os.getpid()}"
        # filter="data" refuses absolute paths, links out of the tree and device files.
        archive.extractall(staging, filter="data")
    restored = staging / "media"
    media_root.mkdir(parents=True, exist_ok=True)
    if restored.is_dir():
        shutil.copytree(restored, media_root, dirs_exist_ok=True)
    shutil.rmtree(staging, ignore_errors=True)


def restore(source: Path, force: bool = False, using: str = "default") -> dict[str, int]:
    """Restore a backup directory; returns the content counts found after the restore."""
    from django.conf import settings
    from django.db import connections

    if not (source / MANIFEST_NAME).is_file():
        raise BackupError(f"{source} is not a backup directory (no {MANIFEST_NAME}).")
    if _has_tables(using) and not force:
        raise BackupError(
            "The database is not empty. Restore into an empty database, or pass --force "
            "(make restore FORCE=1) to replace everything in it."
        )
    connections[using].close()  # pg_restore --clean and the SQLite copy need it unused
    restore_database(source, settings.DATABASES[using])
    restore_media(source, Path(settings.MEDIA_ROOT))
    from .cache import purge_page_cache

    purge_page_cache()
    return content_counts(using)


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_site.settings.dev")
    import django

    django.setup()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("backup", help="write a new backup directory")
    make.add_argument("--output", type=Path, help="parent directory (default: BACKUP_DIR)")
    load = commands.add_parser("restore", help="restore a backup directory")
    load.add_argument("source", type=Path)
    load.add_argument("--force", action="store_true", help="replace a non-empty database")
    args = parser.parse_args(argv)
    try:
        if args.command == "backup":
            path = backup(args.output)
            sys.stdout.write(f"Backup written to {path}\n")
        else:
            counts = restore(args.source, force=args.force)
            expected = json.loads((args.source / MANIFEST_NAME).read_text())["counts"]
            sys.stdout.write(f"Restored {args.source}\n")
            for label, count in counts.items():
                mark = (
                    "" if expected.get(label) == count else f"  (backup had {expected.get(label)})"
                )
                sys.stdout.write(f"  {label}: {count}{mark}\n")
            sys.stdout.write("With Elasticsearch, now run: manage.py update_index\n")
    except (BackupError, subprocess.CalledProcessError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
