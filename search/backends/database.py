"""A Wagtail search backend for SQLite and PostgreSQL with per-language stemming.

Registered as WAGTAILSEARCH_BACKENDS["default"], so `update_index`, Wagtail's indexing on
save/publish/delete and every `.search()` / `.autocomplete()` (the public search, the admin's
page search and choosers) go through it.

Each indexed object becomes one SearchDocument whose text is already folded and
Snowball-stemmed in the object's own language (search/text.py). The databases then only
match and rank plain tokens:

* SQLite: an FTS5 table; bm25() with column weights title 10, summary 4, body 1.
* PostgreSQL: a tsvector built with the 'simple' configuration (weights A/B/D) and a GIN
  index; ts_rank() with weights 1.0 / 0.4 / 0.1.

A query is analysed by the same pipeline, in the reader's language when it is known
(`search.query.LocalizedText`), otherwise in every content language at once.

Matching and ranking happen in one statement that returns (object id, score) pairs; the
queryset being searched (live, locale, permissions…) is applied as `object_id IN
(subquery)`. Unlike Wagtail's SQLite backend there is no per-row subquery for the score, so
the cost grows with the number of hits, not with its square.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db import NotSupportedError, connections, router, transaction
from django.db.models import Count, F, Model, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils.encoding import force_str
from wagtail.models import Locale
from wagtail.search.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
    FilterFieldError,
    get_model_root,
)
from wagtail.search.index import AutocompleteField, RelatedFields, SearchField
from wagtail.search.query import (
    And,
    Boost,
    Fuzzy,
    MatchAll,
    Not,
    Or,
    Phrase,
    PlainText,
    SearchQuery,
)

from .. import text
from ..models import SearchDocument, SearchTerm
from ..query import LocalizedText
from . import schema

logger = logging.getLogger(__name__)

#: A SearchField with at least this boost goes to the "summary" column (weighted between the
#: title and the body). The page title always goes to the "title" column.
SUMMARY_BOOST = 1.5
#: Column weights for SQLite's bm25(); the autocomplete column never counts for relevance.
BM25_WEIGHTS = {"title": 10.0, "summary": 4.0, "body": 1.0, "autocomplete": 0.0}
#: ts_rank() weights in PostgreSQL's order {D, C, B, A}: body, (unused), summary, title.
TS_RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
TS_WEIGHT_LETTERS = {"title": "A", "summary": "B", "body": "D"}
#: The vocabulary keeps words of this length only (longer ones are mostly codes and URLs).
VOCABULARY_LENGTHS = range(3, 31)
#: A document's id is (content type of the model's root << 40) | primary key: a page's
#: document is found from its id, and the id from the page, without reading a table. A
#: search reads only the full-text index, never the (wide) document rows.
ID_BITS = 40
ID_MASK = (1 << ID_BITS) - 1


class SearchBackendUnavailable(Exception):
    """The search service cannot answer right now (the view turns this into a 503 page)."""


# ---------------------------------------------------------------------------------------------
# Query trees: a small, database-neutral form of Wagtail's query objects.


@dataclass(frozen=True)
class Term:
    variants: tuple[str, ...]  # any of these tokens
    prefix: bool = False


@dataclass(frozen=True)
class AutocompleteTerm:
    """A word being typed: a title word starting with `prefix`, or sharing one of its stems."""

    prefix: str
    stems: tuple[str, ...]


@dataclass(frozen=True)
class PhraseNode:
    alternatives: tuple[tuple[str, ...], ...]  # one token sequence per language
    title_only: bool = False  # autocomplete: the phrase must be in the title


@dataclass(frozen=True)
class AndNode:
    children: tuple
    negated: tuple = ()  # children that must not match


@dataclass(frozen=True)
class OrNode:
    children: tuple


class MatchNothing:
    """A query with no searchable word in it ("!!!"): matches nothing."""


MATCH_NOTHING = MatchNothing()


def _languages_of(query: SearchQuery) -> tuple[str, ...] | None:
    if isinstance(query, LocalizedText):
        return (text.normalise_language(query.language),)
    for child in getattr(query, "subqueries", ()) or ():
        found = _languages_of(child)
        if found:
            return found
    subquery = getattr(query, "subquery", None)
    return _languages_of(subquery) if subquery is not None else None


class TreeBuilder:
    def __init__(self, languages: Sequence[str], autocomplete: bool) -> None:
        self.languages = tuple(languages)
        self.autocomplete = autocomplete
        #: (subtree, factor) of every Boost() in the query: the match uses the whole tree,
        #: and each boosted subtree adds (factor - 1) × its own rank to the score.
        self.boosts: list[tuple[object, float]] = []

    def build(self, query: SearchQuery):
        """A node, MatchAll, MATCH_NOTHING or ("not", node) for a negated query."""
        if isinstance(query, MatchAll):
            return query
        if isinstance(query, Boost):
            node = self.build(query.subquery)
            factor = float(query.boost)
            if factor != 1.0 and isinstance(
                node, (Term, AutocompleteTerm, PhraseNode, AndNode, OrNode)
            ):
                self.boosts.append((node, factor))
            return node
        if isinstance(query, Not):
            inner = self.build(query.subquery)
            if isinstance(inner, MatchAll):
                return MATCH_NOTHING
            if inner is MATCH_NOTHING:
                return MatchAll()
            if isinstance(inner, tuple):  # not (not x) == x
                return inner[1]
            return ("not", inner)
        if isinstance(query, (PlainText, Fuzzy)):
            operator = getattr(query, "operator", "and")
            return self._plain(query.query_string, operator)
        if isinstance(query, Phrase):
            return self._phrase(query.query_string)
        if isinstance(query, (And, Or)):
            return self._combine(query)
        raise NotImplementedError(f"{type(query).__name__} is not supported by this backend.")

    def _plain(self, query_string: str, operator: str):
        terms = text.analyse_query(query_string, self.languages)
        if not terms:
            return MATCH_NOTHING
        if self.autocomplete:
            # "skol" finds "Skolor…" by prefix; a whole word finds other forms of it too, so
            # "mötesplatsen" finds "Mötesplatser…" (in the admin as well as in suggestions).
            nodes = tuple(AutocompleteTerm(t.folded, t.variants) for t in terms)
        else:
            nodes = tuple(Term(t.variants) for t in terms)
        if len(nodes) == 1:
            return nodes[0]
        return AndNode(nodes) if operator == "and" else OrNode(nodes)

    def _phrase(self, query_string: str):
        alternatives = []
        for language in self.languages:
            tokens = tuple(text.analyse(query_string, language))
            if tokens and tokens not in alternatives:
                alternatives.append(tokens)
        if not alternatives:
            return MATCH_NOTHING
        return PhraseNode(tuple(alternatives), title_only=self.autocomplete)

    def _combine(self, query: And | Or):
        positive, negative = [], []
        for sub in query.subqueries:
            node = self.build(sub)
            if isinstance(node, tuple):
                negative.append(node[1])
            else:
                positive.append(node)
        if isinstance(query, And):
            if any(node is MATCH_NOTHING for node in positive):
                return MATCH_NOTHING
            positive = [node for node in positive if not isinstance(node, MatchAll)]
            if not positive:
                if not negative:
                    return MatchAll()
                return ("not", OrNode(tuple(negative)) if len(negative) > 1 else negative[0])
            if len(positive) == 1 and not negative:
                return positive[0]
            return AndNode(tuple(positive), tuple(negative))
        # Or: a negated alternative cannot be expressed in a match; it is dropped.
        if any(isinstance(node, MatchAll) for node in positive):
            return MatchAll()
        positive = [node for node in positive if node is not MATCH_NOTHING]
        if not positive:
            return MATCH_NOTHING
        return positive[0] if len(positive) == 1 else OrNode(tuple(positive))


# ---------------------------------------------------------------------------------------------
# Dialects: how a tree becomes SQL on each database.


def _quote_fts(token: str) -> str:
    # Tokens are [a-z0-9] after analysis; quoting keeps FTS5 from reading AND/OR/NEAR in them.
    return '"' + token.replace('"', "") + '"'


class SQLiteDialect:
    vendor = "sqlite"

    def match_expression(self, node, columns: Sequence[str]) -> str:
        if list(columns) == ["autocomplete"]:
            return self._render(node)  # autocomplete terms carry their own column filters
        return "{" + " ".join(columns) + "} : (" + self._render(node) + ")"

    def _render(self, node) -> str:
        if isinstance(node, AutocompleteTerm):
            stems = " OR ".join(_quote_fts(v) for v in node.stems)
            return f"({{autocomplete}} : {_quote_fts(node.prefix)}* OR {{title}} : ({stems}))"
        if isinstance(node, Term):
            suffix = "*" if node.prefix else ""
            parts = [_quote_fts(v) + suffix for v in node.variants]
            return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"
        if isinstance(node, PhraseNode):
            parts = [_quote_fts(" ".join(tokens)) for tokens in node.alternatives]
            rendered = parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"
            return f"{{title}} : ({rendered})" if node.title_only else rendered
        if isinstance(node, AndNode):
            rendered = "(" + " AND ".join(self._render(c) for c in node.children) + ")"
            if node.negated:
                rendered += " NOT (" + " OR ".join(self._render(c) for c in node.negated) + ")"
            return "(" + rendered + ")" if node.negated else rendered
        if isinstance(node, OrNode):
            return "(" + " OR ".join(self._render(c) for c in node.children) + ")"
        raise TypeError(node)

    def hits_sql(
        self,
        node,
        columns: Sequence[str],
        weights: dict[str, float],
        boosts: Sequence[tuple[object, float]] = (),
    ) -> tuple[str, str, list, str, str]:
        """FROM, WHERE, their parameters, the score expression and the document id column."""
        fts = schema.FTS_TABLE
        weight_list = ", ".join(str(float(weights.get(c, 0.0))) for c in schema.FTS_COLUMNS)
        # bm25() is "smaller is better"; negate it so that every dialect sorts descending.
        score_sql = f"-bm25({fts}, {weight_list})"
        from_sql, params = fts, []
        # bm25() ranks the whole MATCH only, so each boosted part is ranked by its own
        # MATCH in a joined subquery (rare: only callers that build Boost() queries pay).
        for number, (boosted, factor) in enumerate(boosts):
            alias = f"boost_{number}"
            # Constants and a counter only; the match expression is a parameter.
            boost_sql = f"SELECT rowid AS boost_id, -bm25({fts}, {weight_list}) AS boost_score"
            boost_sql += f" FROM {fts} WHERE {fts} MATCH %s"  # noqa: S608
            from_sql += f" LEFT JOIN ({boost_sql}) AS {alias} ON {alias}.boost_id = {fts}.rowid"
            params.append(self.match_expression(boosted, columns))
            score_sql += f" + {factor - 1.0:f} * COALESCE({alias}.boost_score, 0)"
        params.append(self.match_expression(node, columns))
        return from_sql, f"{fts} MATCH %s", params, score_sql, f"{fts}.rowid"

    # "+rowid" keeps SQLite from driving the FTS table from the IN list (one full-text lookup
    # per listed id); the matches are read once and checked against the list instead.
    restrict_expression = f"+{schema.FTS_TABLE}.rowid"

    def family_filter(self, id_column: str, key: int) -> str:
        # A rowid range: FTS5 reads only that part of its index.
        return f"{id_column} BETWEEN {key} AND {key + ID_MASK}"


class PostgresDialect:
    vendor = "postgresql"

    def tsquery(self, node, columns: Sequence[str]) -> str:
        letters = "".join(TS_WEIGHT_LETTERS[c] for c in columns if c in TS_WEIGHT_LETTERS)
        if set(letters) == set("ABD") or list(columns) == ["autocomplete"]:
            letters = ""  # every weight: no restriction needed
        return self._render(node, letters)

    def _lexeme(self, token: str, prefix: bool, letters: str) -> str:
        token = "".join(ch for ch in token if ch.isalnum())
        label = ("*" if prefix else "") + letters
        return f"{token}:{label}" if label else token

    def _render(self, node, letters: str) -> str:
        if isinstance(node, AutocompleteTerm):
            # autocomplete_vector: folded title words with weight A, title stems with weight B.
            parts = [self._lexeme(node.prefix, True, "A")]
            parts += [self._lexeme(v, False, "B") for v in node.stems]
            return "(" + " | ".join(parts) + ")"
        if isinstance(node, Term):
            parts = [self._lexeme(v, node.prefix, letters) for v in node.variants]
            return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"
        if isinstance(node, PhraseNode):
            label = "B" if node.title_only else letters  # title stems in autocomplete_vector
            parts = [
                "(" + " <-> ".join(self._lexeme(t, False, label) for t in tokens) + ")"
                for tokens in node.alternatives
            ]
            return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"
        if isinstance(node, AndNode):
            parts = [self._render(c, letters) for c in node.children]
            parts += ["!" + self._render(c, letters) for c in node.negated]
            return "(" + " & ".join(parts) + ")"
        if isinstance(node, OrNode):
            return "(" + " | ".join(self._render(c, letters) for c in node.children) + ")"
        raise TypeError(node)

    def hits_sql(
        self,
        node,
        columns: Sequence[str],
        weights: dict[str, float],
        boosts: Sequence[tuple[object, float]] = (),
    ) -> tuple[str, str, list, str, str]:
        vector = "d.autocomplete_vector" if columns == ["autocomplete"] else "d.search_vector"
        from_sql = f"{schema.TABLE} d CROSS JOIN to_tsquery('simple'::regconfig, %s) AS q(query)"
        params = [self.tsquery(node, columns)]
        where_sql = f"{vector} @@ q.query"
        # Ranking reads the small rank_vector (title A, summary B), not search_vector: the
        # story's vector is kilobytes, compressed out of line, and decompressing it for every
        # hit is what made Wagtail's PostgreSQL search slow. A match only in the body ranks
        # below every title or summary match. Normalisation 1 divides by 1 + log(length).
        rank_vector = vector if columns == ["autocomplete"] else "d.rank_vector"
        score_sql = f"ts_rank('{TS_RANK_WEIGHTS}', {rank_vector}, q.query, 1)"
        for number, (boosted, factor) in enumerate(boosts):
            alias = f"boost_{number}"
            from_sql += f" CROSS JOIN to_tsquery('simple'::regconfig, %s) AS {alias}(query)"
            params.append(self.tsquery(boosted, columns))
            # A boosted part (the words as typed, against their synonyms) is ranked over the
            # whole document: a word typed that only the story holds must still count.
            rank = f"ts_rank('{TS_RANK_WEIGHTS}', {vector}, {alias}.query, 1)"
            score_sql += f" + {factor - 1.0:f} * {rank}"
        return from_sql, where_sql, params, score_sql, "d.id"

    restrict_expression = "d.id"

    def family_filter(self, id_column: str, key: int) -> str:
        # Deliberately not a range on the primary key: the planner would scan the whole family
        # through the key index and test (decompress) every tsvector instead of asking GIN.
        return f"({id_column} >> {ID_BITS}) = {key >> ID_BITS}"


DIALECTS = {"sqlite": SQLiteDialect(), "postgresql": PostgresDialect()}


def _connection():
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


def dialect_for(connection) -> SQLiteDialect | PostgresDialect:
    try:
        return DIALECTS[connection.vendor]
    except KeyError as error:
        raise NotSupportedError(
            f"The search backend supports SQLite and PostgreSQL, not {connection.vendor}."
        ) from error


def document_key(model: type[Model]) -> int:
    """The id of the first possible document of a model family (all pages share one)."""
    return ContentType.objects.get_for_model(get_model_root(model)).pk << ID_BITS


def document_id(obj: Model) -> int | None:
    try:
        pk = int(obj.pk)
    except (TypeError, ValueError):
        return None
    if not 0 < pk <= ID_MASK:
        return None
    return document_key(type(obj)) + pk


# ---------------------------------------------------------------------------------------------
# Query compilers and results


class SearchQueryCompiler(BaseSearchQueryCompiler):
    DEFAULT_OPERATOR = "and"
    HANDLES_ORDER_BY_EXPRESSIONS = True  # ordering is plain SQL on the queryset
    autocomplete = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.languages = _languages_of(self.query)
        builder = TreeBuilder(self.languages or text.content_languages(), self.autocomplete)
        self.tree = builder.build(self.query)
        self.boosts = tuple(builder.boosts)

    def columns(self) -> list[str]:
        if self.autocomplete:
            return ["autocomplete"]
        if not self.fields:
            return ["title", "summary", "body"]
        by_name = {f.field_name: f for f in self.queryset.model.get_searchable_search_fields()}
        columns = set()
        for name in self.fields:
            field = by_name.get(name)
            if name == "title":
                columns.add("title")
            elif field is not None and (field.boost or 1) >= SUMMARY_BOOST:
                columns.add("summary")
            else:
                columns.add("body")
        return [c for c in ("title", "summary", "body") if c in columns]

    def weights(self) -> dict[str, float]:
        if self.autocomplete:
            return {"autocomplete": 1.0, "title": 1.0}
        return BM25_WEIGHTS

    def check(self) -> None:
        if self.autocomplete and self.fields:
            allowed = {f.field_name for f in self.queryset.model.get_autocomplete_search_fields()}
            for name in self.fields:
                if name not in allowed:
                    raise FilterFieldError(
                        f'Cannot autocomplete with field "{name}". Please add '
                        f'index.AutocompleteField("{name}") to '
                        f"{self.queryset.model.__name__}.search_fields.",
                        field_name=name,
                    )
            self._get_filters_from_queryset(check_only=True)
            return
        super().check()


class AutocompleteQueryCompiler(SearchQueryCompiler):
    autocomplete = True

    def check(self) -> None:
        SearchQueryCompiler.check(self)


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
        if self._matches_nothing():
            return []
        if isinstance(node, MatchAll) or isinstance(node, tuple):
            objects = list(self._plain_queryset()[self.start : self.stop])
            if self._score_field:
                for obj in objects:
                    setattr(obj, self._score_field, 0.0)
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
                if self._score_field:
                    setattr(obj, self._score_field, score)
                objects.append(obj)
            return objects
        # Ordered by the queryset: filter it by the matches, keep its ordering.
        sql, params, _score = self._match_sql(restrict_to_queryset=False, with_score=False)
        queryset = self.query_compiler.queryset.filter(pk__in=RawSQL(sql, params))  # noqa: S611
        if not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        objects = list(queryset[self.start : self.stop])
        if self._score_field and objects:
            scores = dict(self._scores_for([obj.pk for obj in objects]))
            for obj in objects:
                setattr(obj, self._score_field, scores.get(obj.pk, 0.0))
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
        field = self.query_compiler._get_filterable_field(field_name)
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


# ---------------------------------------------------------------------------------------------
# Indexing


class DocumentBuilder:
    """Turns model instances into SearchDocuments (and collects their vocabulary)."""

    def __init__(self) -> None:
        self.locale_languages = {
            pk: text.normalise_language(code)
            for pk, code in Locale.objects.values_list("pk", "language_code")
        }
        self.default_language = text.default_language()

    def language_of(self, obj: Model) -> str:
        locale_id = getattr(obj, "locale_id", None)
        if locale_id is None:
            return self.default_language
        return self.locale_languages.get(locale_id, self.default_language)

    def texts(self, obj: Model) -> dict[str, list[str]]:
        """Raw text per column: title, summary, body, autocomplete."""
        columns: dict[str, list[str]] = {"title": [], "summary": [], "body": [], "autocomplete": []}
        for field in obj.get_search_fields():
            self._collect(obj, field, columns, top_level=True)
        return columns

    def _collect(self, obj: Model, field, columns: dict[str, list[str]], top_level: bool) -> None:
        if isinstance(field, RelatedFields):
            value = field.get_value(obj)
            if value is None:
                return
            if hasattr(value, "all"):
                related = list(value.all())
            else:
                related = [value() if callable(value) else value]
            for related_obj in related:
                for sub_field in field.fields:
                    self._collect(related_obj, sub_field, columns, top_level=False)
            return
        if isinstance(field, AutocompleteField):
            if top_level:
                columns["autocomplete"].append(_as_text(field.get_value(obj)))
            return
        if not isinstance(field, SearchField):
            return
        value = _as_text(field.get_value(obj))
        if not value:
            return
        if top_level and field.field_name == "title":
            columns["title"].append(value)
        elif (field.boost or 1) >= SUMMARY_BOOST:
            columns["summary"].append(value)
        else:
            columns["body"].append(value)

    def build(self, obj: Model, content_type_id: int) -> tuple[SearchDocument, str, list[str]]:
        language = self.language_of(obj)
        raw = self.texts(obj)
        document = SearchDocument(
            content_type_id=content_type_id,
            object_id=int(obj.pk),
            language=language,
            title=text.index_text(" ".join(raw["title"]), language),
            summary=text.index_text(" ".join(raw["summary"]), language),
            body=text.index_text(" ".join(raw["body"]), language),
            autocomplete=" ".join(text.folded_words(" ".join(raw["autocomplete"]))),
        )
        words = text.raw_words(" ".join(raw["title"] + raw["summary"] + raw["body"]))
        # The last parts of compounds are indexed one step down: those of the title with the
        # summary, the others with the body. "boende" finds "Etableringsboenden" in a title
        # below a title with "boende" itself (search/compounds.py).
        title_words = text.raw_words(" ".join(raw["title"]))
        title_parts = text.compound_part_forms(dict.fromkeys(title_words), language)
        if title_parts:
            document.summary = f"{document.summary} {' '.join(title_parts)}".strip()
        other_words = dict.fromkeys(words[len(title_words) :])
        parts = text.compound_part_forms(other_words, language)
        if parts:
            document.body = f"{document.body} {' '.join(parts)}".strip()
        return document, language, words


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return text.html_to_text(value)
    if isinstance(value, (list, tuple)):
        return " ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_as_text(item) for item in value.values())
    return text.html_to_text(force_str(value))


def _vocabulary_entries(words: Iterable[str]) -> dict[str, str]:
    """folded → written form, for the words worth suggesting (letters only, 3–30 long)."""
    entries: dict[str, str] = {}
    for word in words:
        if len(word) in VOCABULARY_LENGTHS and word.isalpha():
            entries.setdefault(text.fold(word), word)
    return entries


def _prefetch_related_fields(model: type[Model], items: list[Model]) -> None:
    """Load many-to-many RelatedFields for a whole chunk at once (not one query per item).

    Wagtail's own select_on_queryset skips ParentalManyToManyField, so a practice's target
    groups would otherwise be read one practice at a time.
    """
    from django.db.models import prefetch_related_objects

    names = []
    for field in model.get_search_fields():
        if not isinstance(field, RelatedFields):
            continue
        try:
            model_field = field.get_field(model)
        except FieldDoesNotExist:  # a method or property: nothing to prefetch
            continue
        if model_field.many_to_many or model_field.one_to_many:
            names.append(field.field_name)
    if names and len(items) > 1:
        prefetch_related_objects(items, *names)


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
                SearchDocument.objects.filter(pk__in=[d.id for d in documents])._raw_delete(
                    using=connection.alias
                )
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
            SearchDocument.objects.filter(pk=doc_id)._raw_delete(
                using=router.db_for_write(SearchDocument)
            )

    def reset(self) -> None:
        connection = connections[router.db_for_write(SearchDocument)]
        with transaction.atomic(using=connection.alias):
            if connection.vendor == "sqlite":
                # Deleting row by row would make the triggers re-read every document to remove
                # it from FTS; emptying both in one go is much faster.
                schema.uninstall(connection)
                SearchDocument.objects.all()._raw_delete(using=connection.alias)
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


def _vocabulary_term(language: str, folded: str, written: str, frequency: int) -> SearchTerm:
    """A row of the "did you mean" vocabulary: the folded word, as written, and its stem."""
    return SearchTerm(
        language=language,
        term=folded,
        display=written,
        stem=text.stem(folded, language),
        length=len(folded),
        frequency=frequency,
    )


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


class DatabaseSearchBackend(BaseSearchBackend):
    query_compiler_class = SearchQueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
    results_class = DatabaseSearchResults
    index_class = DatabaseIndex
    rebuilder_class = DatabaseRebuilder

    def __init__(self, params: dict) -> None:
        super().__init__(params)
        self._index: DatabaseIndex | None = None

    def get_index_for_model(self, model: type[Model]) -> DatabaseIndex:
        # One index for every model; a single instance keeps its rebuild state together.
        if self._index is None:
            self._index = self.index_class(self)
        return self._index


SearchBackend = DatabaseSearchBackend
