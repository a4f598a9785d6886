"""Backup and restore round-trip: nothing lost, on SQLite and on PostgreSQL.

Content is committed (a transactional test), backed up with the same code `make backup` runs,
restored into a new, empty database and compared row by row, table by table, and file by file.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import wagtail_factories
from django.db import connection
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
        yield {**db, "NAME": name, "params": params}
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restored_rows_postgres(target: dict, tables: list[str]) -> dict[str, list[tuple]]:
    import psycopg

    with psycopg.connect(dbname=target["NAME"], **target["params"]) as conn, conn.cursor() as cur:
        return table_rows(cur, tables, connection.ops.quote_name)


def restored_rows_sqlite(path: Path, tables: list[str]) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        return table_rows(conn.cursor(), tables, connection.ops.quote_name)


def test_backup_and_restore_lose_nothing(content, media_root, tmp_path):
    before = original_rows()
    counts = site_backup.content_counts()
    assert counts["wagtailcore.Revision"] >= 3
    assert counts["platform_site.CustomImage"] == 1 and counts["wagtaildocs.Document"] == 1
    files_before = media_hashes(media_root)
    assert any("original_images" in f for f in files_before)
    assert any(f.startswith("documents") for f in files_before)

    backup_dir = site_backup.backup(tmp_path / "backups")
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert manifest["counts"] == counts
    assert manifest["migrations"]["wagtailcore"]

    tables = sorted(before)
    if connection.vendor == "postgresql":
        with empty_postgres_database() as target:
            site_backup.restore_database(backup_dir, target)
            after = restored_rows_postgres(target, tables)
    else:
        target_file = tmp_path / "restored.sqlite3"
        site_backup.restore_database(
            backup_dir, {"ENGINE": "django.db.backends.sqlite3", "NAME": str(target_file)}
        )
        after = restored_rows_sqlite(target_file, tables)

    for table in tables:
        assert after[table] == before[table], f"{table} differs after restore"
    assert sum(len(rows) for rows in before.values()) > 100  # the comparison had content

    restored_media = tmp_path / "restored-media"
    site_backup.restore_media(backup_dir, restored_media)
    assert media_hashes(restored_media) == files_before


def test_restore_refuses_a_database_that_is_not_empty(content, tmp_path):
    backup_dir = site_backup.backup(tmp_path / "backups")
    with pytest.raises(site_backup.BackupError, match="not empty"):
        site_backup.restore(backup_dir)


def test_restore_refuses_a_directory_that_is_not_a_backup(db, tmp_path):
    with pytest.raises(site_backup.BackupError, match="not a backup"):
        site_backup.restore(tmp_path)


def test_media_archive_cannot_write_outside_media_root(tmp_path):
    import io
    import tarfile

    source = tmp_path / "evil"
    source.mkdir()
    (source / "manifest.json").write_text("{}")
    with tarfile.open(source / site_backup.MEDIA_NAME, "w:gz") as archive:
        data = b"pwned"
        info = tarfile.TarInfo("../../outside.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    with pytest.raises(tarfile.FilterError):
        site_backup.restore_media(source, tmp_path / "media")
    assert not (tmp_path.parent / "outside.txt").exists()
