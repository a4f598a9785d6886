"""Indexing: writing SearchDocuments and the vocabulary, and the full rebuild."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models import Model
from wagtail.search.backends.base import BaseIndex

from core import wagtail_patches

from ...models import SearchDocument, SearchTerm
from .. import schema
from .documents import (
    DocumentBuilder,
    _prefetch_related_fields,
    _vocabulary_entries,
    _vocabulary_term,
    document_id,
)

if TYPE_CHECKING:
    from .backend import DatabaseSearchBackend

logger = logging.getLogger(__name__)


class DatabaseIndex(BaseIndex):
    def __init__(self, backend: DatabaseSearchBackend) -> None:
        super().__init__(backend)
        self.rebuilding = False
        self._vocabulary: dict[tuple[str, str], list] = {}

    def add_model(self, model: type[Model]) -> None:
        pass

    def refresh(self) -> None:
        pass

    def add_items(self, model: type[Model], items: Sequence[Model]) -> None:
        items = [obj for obj in items if obj is not None and obj.pk is not None]
        if not items:
            return
        content_type_id = ContentType.objects.get_for_model(model).pk
        _prefetch_related_fields(model, items)
        builder = DocumentBuilder()
        documents = []
        new_words: dict[tuple[str, str], str] = {}
        for obj in items:
            doc_id = document_id(obj)
            if doc_id is None:
                logger.warning("Not indexing %r: its primary key is not a positive integer.", obj)
                continue
            document, language, words = builder.build(obj, content_type_id)
            document.id = doc_id
            documents.append(document)
            for folded, written in _vocabulary_entries(words).items():
                key = (language, folded)
                if self.rebuilding:
                    entry = self._vocabulary.setdefault(key, [written, 0])
                    entry[1] += 1
                else:
                    new_words.setdefault(key, written)
        connection = connections[router.db_for_write(SearchDocument)]
        with transaction.atomic(using=connection.alias):
            if not self.rebuilding:
                replaced = SearchDocument.objects.filter(pk__in=[d.id for d in documents])
                wagtail_patches.raw_delete(replaced, connection.alias)
            SearchDocument.objects.bulk_create(documents, batch_size=500)
            if new_words:
                SearchTerm.objects.bulk_create(
                    [
                        _vocabulary_term(language, folded, written, 1)
                        for (language, folded), written in new_words.items()
                    ],
                    batch_size=500,
                    ignore_conflicts=True,
                )

    def delete_item(self, item: Model) -> None:
        doc_id = document_id(item)
        if doc_id is not None:
            wagtail_patches.raw_delete(
                SearchDocument.objects.filter(pk=doc_id), router.db_for_write(SearchDocument)
            )

    def reset(self) -> None:
        connection = connections[router.db_for_write(SearchDocument)]
        with transaction.atomic(using=connection.alias):
            if connection.vendor == "sqlite":
                # Deleting row by row would make the triggers re-read every document to remove
                # it from FTS; emptying both in one go is much faster.
                schema.uninstall(connection)
                wagtail_patches.raw_delete(SearchDocument.objects.all(), connection.alias)
                schema.install(connection)
            else:
                SearchDocument.objects.all().delete()
            SearchTerm.objects.all().delete()

    def begin_rebuild(self) -> None:
        self.rebuilding = True
        self._vocabulary = {}

    def end_rebuild(self) -> None:
        terms = [
            _vocabulary_term(language, folded, written, count)
            for (language, folded), (written, count) in self._vocabulary.items()
        ]
        SearchTerm.objects.bulk_create(terms, batch_size=1000, ignore_conflicts=True)
        self._vocabulary = {}
        self.rebuilding = False
        connection = connections[router.db_for_write(SearchDocument)]
        schema.rebuild_sqlite_fts(connection)


class DatabaseRebuilder:
    """Full rebuild (update_index) in one transaction: readers see the old index until the end."""

    def __init__(self, index: DatabaseIndex) -> None:
        self.index = index
        self.connection = connections[router.db_for_write(SearchDocument)]
        self.atomic = transaction.atomic(using=self.connection.alias)
        self.open = False

    def start(self) -> DatabaseIndex:
        self.atomic.__enter__()
        self.open = True
        schema.ensure(self.connection)  # repairs the SQLite triggers if a migration lost them
        self.index.reset()
        self.index.begin_rebuild()
        return self.index

    def finish(self) -> None:
        self.index.end_rebuild()
        self.open = False
        self.atomic.__exit__(None, None, None)
        if self.connection.vendor == "postgresql":
            with self.connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {schema.TABLE}")

    def __del__(self) -> None:
        if self.open:  # the rebuild failed half-way: roll back, keep the old index
            self.open = False
            try:
                self.atomic.__exit__(RuntimeError, RuntimeError("index rebuild failed"), None)
            except Exception:  # noqa: BLE001 - nothing more can be done during cleanup
                logger.warning("Could not roll back the failed index rebuild.", exc_info=True)
