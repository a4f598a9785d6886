"""Backup and restore round-trip: nothing lost, on SQLite and on PostgreSQL.

Content is committed (a transactional test), backed up with the same code `make backup` runs,
restored into a new, empty database and compared row by row, table by table, and file by file.
"""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import wagtail_factories
from django.core.exceptions import SuspiciousFileOperation
from django.db import connection, connections
from wagtail.documents import get_document_model

from core import backup as site_backup
from core.models import CustomImage
from practices.models import PracticeContact
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class ImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = CustomImage


class DocumentFactory(wagtail_factories.DocumentFactory):
    class Meta:
        model = get_document_model()


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def content(site_tree, media_root) -> dict:
    """Pages with several revisions, snippets, an image with a rendition, a document."""
    group = factories.TargetGroupFactory(name="Nyanlända", slug="nyanlanda")
    approach = factories.ApproachFactory(name="Mentorskap", slug="mentorskap")
    contact = factories.ContactPersonFactory(municipality=site_tree["municipality_sv"])
    image = ImageFactory(title="Språkcafé")
    image.get_rendition("fill-100x100")
    document = DocumentFactory(title="Utvärdering")
    practice = factories.PracticePageFactory(
        parent=site_tree["municipality_sv"], title="Språkcafé", hero_image=image
    )
    practice.target_groups.add(group)
    practice.approaches.add(approach)
    practice.contact_links = [PracticeContact(contact=contact)]
    practice.save_revision().publish()
    practice.summary = "Andra versionen"
    practice.save_revision().publish()
    practice.summary = "Ett utkast som inte är publicerat"
    practice.save_revision()
    factories.translate(practice, _en())
    return {"practice": practice, "image": image, "document": document}


def _en():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


def table_rows(cursor, tables: list[str], quote) -> dict[str, list[tuple]]:
    rows = {}
    for table in tables:
        cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - names from introspection
        rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def media_hashes(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def original_rows() -> dict[str, list[tuple]]:
    """Rows read through a plain driver connection, like the restored side, so types match."""
    tables = sorted(connection.introspection.table_names())
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        import psycopg

        params = pg_params(db)
        with psycopg.connect(dbname=db["NAME"], **params) as conn, conn.cursor() as cur:
            return table_rows(cur, tables, connection.ops.quote_name)
    # pytest-django's in-memory test database is shared-cache: a second connection sees it.
    name = str(db["NAME"])
    with sqlite3.connect(name, uri=name.startswith("file:")) as conn:
        return table_rows(conn.cursor(), tables, connection.ops.quote_name)


def pg_params(db: dict) -> dict:
    return {
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
    }


@contextmanager
def empty_postgres_database() -> Iterator[dict]:
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    params = pg_params(db)
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {"NAME": name, "params": params}
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database_alias(name: str) -> Iterator[str]:
    """A second DATABASES entry, like default but for another database, to restore into."""
    alias = "restored"
    connections.settings[alias] = {**connection.settings_dict, "NAME": name}
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


def restored_rows_postgres(target: dict, tables: list[str]) -> dict[str, list[tuple]]:
    import psycopg

    with psycopg.connect(dbname=target["NAME"], **target["params"]) as conn, conn.cursor() as cur:
        return table_rows(cur, tables, connection.ops.quote_name)


def restored_rows_sqlite(path: Path, tables: list[str]) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        return table_rows(conn.cursor(), tables, connection.ops.quote_name)


@pytest.fixture
def backup_storage(monkeypatch, tmp_path) -> Path:
    """A backup storage of the test's own (django-dbbackup reads STORAGES once, at import)."""
    from dbbackup import settings as dbbackup_settings

    location = tmp_path / "backups"
    monkeypatch.setattr(dbbackup_settings, "STORAGE_OPTIONS", {"location": location})
    return location


def test_backup_and_restore_lose_nothing(content, media_root, backup_storage, settings, tmp_path):
    before = original_rows()
    counts = site_backup.content_counts()
    assert counts["wagtailcore.Revision"] >= 3
    assert counts["platform_site.CustomImage"] == 1 and counts["wagtaildocs.Document"] == 1
    files_before = media_hashes(media_root)
    assert any("original_images" in f for f in files_before)
    assert any(f.startswith("documents") for f in files_before)

    name = site_backup.backup()
    assert site_backup.list_backups() == [name]
    # Compressed by django-dbbackup; our metadata rides along with its own.
    assert {p.name.removeprefix(name) for p in backup_storage.iterdir()} >= {
        "-media.tar.gz",
        f"-database.{'psql.bin' if connection.vendor == 'postgresql' else 'sqlite3'}.gz",
    }
    metadata = site_backup.read_metadata(name)
    assert metadata["engine"] == connection.settings_dict["ENGINE"]
    assert metadata["counts"] == counts
    assert metadata["migrations"]["wagtailcore"]

    tables = sorted(before)
    if connection.vendor == "postgresql":
        with empty_postgres_database() as target, database_alias(target["NAME"]) as alias:
            site_backup.restore_database(name, using=alias)
            after = restored_rows_postgres(target, tables)
    else:
        target_file = tmp_path / "restored.sqlite3"
        with database_alias(str(target_file)) as alias:
            site_backup.restore_database(name, using=alias)
        after = restored_rows_sqlite(target_file, tables)

    for table in tables:
        assert after[table] == before[table], f"{table} differs after restore"
    assert sum(len(rows) for rows in before.values()) > 100  # the comparison had content

    restored_media = tmp_path / "restored-media"
    settings.MEDIA_ROOT = restored_media
    site_backup.restore_media(name)
    assert media_hashes(restored_media) == files_before


def test_backups_of_the_same_second_get_names_of_their_own(content, backup_storage):
    first, second = site_backup.backup(), site_backup.backup()
    assert first != second
    assert site_backup.list_backups() == sorted([first, second], reverse=True)


def test_restore_refuses_a_database_that_is_not_empty(content, backup_storage):
    name = site_backup.backup()
    with pytest.raises(site_backup.BackupError, match="not empty"):
        site_backup.restore(name)


def test_restore_refuses_a_name_that_is_not_a_backup(db, backup_storage):
    with pytest.raises(site_backup.BackupError, match="no backup named"):
        site_backup.restore("2020-01-01-000000")


def test_media_archive_cannot_write_outside_media_root(db, backup_storage, settings, tmp_path):
    import io
    import tarfile

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        data = b"pwned"
        info = tarfile.TarInfo("../../outside.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    backup_storage.mkdir()
    (backup_storage / site_backup.media_filename("2020-01-01-000000")).write_bytes(
        buffer.getvalue()
    )
    settings.MEDIA_ROOT = tmp_path / "media"
    with pytest.raises(SuspiciousFileOperation):
        site_backup.restore_media("2020-01-01-000000")
    assert not (tmp_path.parent / "outside.txt").exists()
