"""Search results: one statement matches and ranks, on the dialect of the search database."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import EmptyResultSet
from django.db import NotSupportedError, connections, router, transaction
from django.db.models import Count, F, QuerySet, Value
from django.db.models.expressions import RawSQL
from wagtail.search.backends.base import BaseSearchResults, FilterFieldError
from wagtail.search.query import MatchAll

from core import wagtail_patches

from ...models import SearchDocument
from .documents import document_key
from .postgres import PostgresDialect
from .query import MATCH_NOTHING, SearchQueryCompiler
from .sqlite import SQLiteDialect

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper

DIALECTS = {"sqlite": SQLiteDialect(), "postgresql": PostgresDialect()}


def _connection() -> BaseDatabaseWrapper:
    return connections[router.db_for_read(SearchDocument)]


def run_match_query(sql: str, params: Sequence) -> list[tuple]:
    """Run a statement built by `_match_sql` and return its rows.

    On PostgreSQL the GIN index must answer the match: a sequential scan would decompress
    every document's tsvector to test it (150 ms at 10,000 practices for a common word,
    against 15 ms from the index), but the planner prefers one whenever a word is in most
    documents. Nor may it join the matches to a queryset with a nested loop, which it picks
    when it underestimates the matches (seconds instead of milliseconds). SET LOCAL keeps
    these hints inside this one short transaction.
    """
    connection = _connection()
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_nestloop = off")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        # Inside an outer transaction SET LOCAL would outlive this query. (After an error
        # the savepoint's rollback undoes it instead.)
        cursor.execute("SET LOCAL enable_seqscan = on; SET LOCAL enable_nestloop = on")
        return rows


def dialect_for(connection: BaseDatabaseWrapper) -> SQLiteDialect | PostgresDialect:
    try:
        return DIALECTS[connection.vendor]
    except KeyError as error:
        raise NotSupportedError(
            f"The search backend supports SQLite and PostgreSQL, not {connection.vendor}."
        ) from error


class DatabaseSearchResults(BaseSearchResults):
    supports_facet = True

    def _matches_nothing(self) -> bool:
        """True for a query without words and for a queryset that cannot hold a row.

        `.none()`, `filter(pk__in=[])` and Wagtail's tree methods on a leaf page (which
        return `.none()`) cannot be compiled into a subquery: Django raises EmptyResultSet.
        """
        if self.query_compiler.tree is MATCH_NOTHING:
            return True
        empty = getattr(self, "_empty_queryset", None)
        if empty is None:
            try:
                self.query_compiler.queryset.values("pk").query.sql_with_params()
                empty = False
            except EmptyResultSet:
                empty = True
            self._empty_queryset = empty
        return empty

    # -- SQL building --------------------------------------------------------------------

    def _match_sql(
        self,
        restrict_to_queryset: bool,
        with_score: bool = True,
        only_pks: Sequence[int] | None = None,
    ) -> tuple[str, list, str]:
        """SQL selecting (object_id, score) of every match, and its parameters.

        Without the score (for counts and IN filters) no ranking function runs at all.
        """
        compiler: SearchQueryCompiler = self.query_compiler
        node = compiler.tree
        if isinstance(node, tuple):
            node = node[1]
        dialect = dialect_for(_connection())
        from_sql, where_sql, params, score_sql, id_column = dialect.hits_sql(
            node, compiler.columns(), compiler.weights(), compiler.boosts if with_score else ()
        )
        key = document_key(compiler.queryset.model)
        where = [where_sql]
        if not restrict_to_queryset:
            # The model family's ids; the outer query narrows it further. (Restricted to the
            # queryset, whose ids carry the key, this would only blur the planner's estimates.)
            where.append(dialect.family_filter(id_column, key))
        else:
            ids = (
                compiler.queryset.order_by()
                .annotate(search_document_id=F("pk") + Value(key))
                .values("search_document_id")
            )
            sub_sql, sub_params = ids.query.sql_with_params()
            where.append(f"{dialect.restrict_expression} IN ({sub_sql})")
            params.extend(sub_params)
        if only_pks is not None:
            where.append(f"{id_column} IN ({', '.join(['%s'] * len(only_pks))})")
            params.extend(key + int(pk) for pk in only_pks)
        object_id = f"{id_column} - {key}"
        selected = f"{object_id} AS object_id, {score_sql} AS score" if with_score else object_id
        # Only our constants, integer ids and Django-compiled SQL are formatted in; every value
        # (the match expression and the queryset's own values) is a parameter.
        sql = f"SELECT {selected} FROM {from_sql} WHERE {' AND '.join(where)}"  # noqa: S608
        return sql, params, score_sql

    def hits(self, limit: int | None = None, restrict: bool = True) -> list[tuple[int, float]]:
        """(object id, score) of every match in the queryset, best first.

        One statement, no model instances. With restrict=False the queryset's filters are not
        applied (only its model family): for callers that hold the set of allowed ids anyway
        and can filter in memory, which spares the database a subquery per search.
        """
        node = self.query_compiler.tree
        if self._matches_nothing():
            return []
        if isinstance(node, MatchAll) or isinstance(node, tuple):
            queryset = self._plain_queryset()
            if limit is not None:
                queryset = queryset[:limit]
            return [(pk, 0.0) for pk in queryset.values_list("pk", flat=True)]
        sql, params, _score = self._match_sql(restrict_to_queryset=restrict)
        sql += " ORDER BY score DESC, object_id DESC"
        if limit is not None:
            sql += " LIMIT %s"
            params.append(int(limit))
        # Both databases already return (int, float) pairs; no conversion loop over many hits.
        return run_match_query(sql, params)

    def _plain_queryset(self) -> QuerySet:
        """The queryset for MatchAll or a negated match, in the queryset's own order."""
        queryset = self.query_compiler.queryset
        node = self.query_compiler.tree
        if isinstance(node, tuple):
            sql, params, _score = self._match_sql(restrict_to_queryset=False, with_score=False)
            ids = RawSQL(sql, params)  # noqa: S611 - parameters as above
            queryset = queryset.exclude(pk__in=ids)
        if not queryset.query.order_by:
            # A stable order across pages (Wagtail issue 3729).
            queryset = queryset.order_by("-pk")
        return queryset

    # -- BaseSearchResults API -----------------------------------------------------------

    def _do_search(self) -> list:
        node = self.query_compiler.tree
        score_field = wagtail_patches.score_field(self)
        if self._matches_nothing():
            return []
        if isinstance(node, MatchAll) or isinstance(node, tuple):
            objects = list(self._plain_queryset()[self.start : self.stop])
            if score_field:
                for obj in objects:
                    setattr(obj, score_field, 0.0)
            return objects
        if self.query_compiler.order_by_relevance:
            sql, params, _score = self._match_sql(restrict_to_queryset=True)
            sql += " ORDER BY score DESC, object_id DESC"
            if self.stop is not None:
                sql += " LIMIT %s OFFSET %s"
                params += [self.stop - self.start, self.start]
            elif self.start:
                sql += " LIMIT -1 OFFSET %s" if _connection().vendor == "sqlite" else " OFFSET %s"
                params.append(self.start)
            rows = [(int(pk), float(score or 0.0)) for pk, score in run_match_query(sql, params)]
            if not rows:
                return []
            by_pk = self.query_compiler.queryset.in_bulk([pk for pk, _s in rows])
            objects = []
            for pk, score in rows:
                obj = by_pk.get(pk)
                if obj is None:
                    continue
                if score_field:
                    setattr(obj, score_field, score)
                objects.append(obj)
            return objects
        # Ordered by the queryset: filter it by the matches, keep its ordering.
        sql, params, _score = self._match_sql(restrict_to_queryset=False, with_score=False)
        queryset = self.query_compiler.queryset.filter(pk__in=RawSQL(sql, params))  # noqa: S611
        if not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        objects = list(queryset[self.start : self.stop])
        if score_field and objects:
            scores = dict(self._scores_for([obj.pk for obj in objects]))
            for obj in objects:
                setattr(obj, score_field, scores.get(obj.pk, 0.0))
        return objects

    def _scores_for(self, pks: Iterable[int]) -> list[tuple[int, float]]:
        pks = [int(pk) for pk in pks]
        sql, params, _score = self._match_sql(restrict_to_queryset=False, only_pks=pks)
        return [(int(pk), float(score or 0.0)) for pk, score in run_match_query(sql, params)]

    def _do_count(self) -> int:
        node = self.query_compiler.tree
        if self._matches_nothing():
            return 0
        if isinstance(node, MatchAll) or isinstance(node, tuple):
            count = self._plain_queryset().count()
        else:
            sql, params, _score = self._match_sql(restrict_to_queryset=True, with_score=False)
            count_sql = f"SELECT COUNT(*) FROM ({sql}) AS matches"  # noqa: S608
            count = run_match_query(count_sql, params)[0][0]
        count = max(count - self.start, 0)
        if self.stop is not None:
            count = min(count, self.stop - self.start)
        return count

    def facet(self, field_name: str) -> dict:
        field = wagtail_patches.filterable_field(self.query_compiler, field_name)
        if field is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f'index.FilterField("{field_name}") to '
                f"{self.query_compiler.queryset.model.__name__}.search_fields.",
                field_name=field_name,
            )
        node = self.query_compiler.tree
        if self._matches_nothing():
            return {}
        if isinstance(node, MatchAll) or isinstance(node, tuple):
            queryset = self._plain_queryset()
        else:
            sql, params, _score = self._match_sql(restrict_to_queryset=False, with_score=False)
            queryset = self.query_compiler.queryset.filter(pk__in=RawSQL(sql, params))  # noqa: S611
        rows = queryset.order_by().values(field_name).annotate(count=Count("pk")).order_by("-count")
        return {row[field_name]: row["count"] for row in rows}
