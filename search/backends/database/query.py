"""Query compilation: Wagtail's query objects become a small, database-neutral tree.

The dialects (sqlite.py, postgres.py) turn the tree into SQL; the results (results.py) run it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wagtail.search.backends.base import BaseSearchQueryCompiler, FilterFieldError
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

from core import wagtail_patches

from ... import text
from ...query import LocalizedText
from .documents import SUMMARY_BOOST

#: Column weights for SQLite's bm25(); the autocomplete column never counts for relevance.
BM25_WEIGHTS = {"title": 10.0, "summary": 4.0, "body": 1.0, "autocomplete": 0.0}


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

#: A node of a query tree (what the dialects render).
Node = Term | AutocompleteTerm | PhraseNode | AndNode | OrNode


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

    def build(self, query: SearchQuery) -> Node | MatchAll | MatchNothing | tuple[str, Node]:
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
# Query compilers


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
            wagtail_patches.check_queryset_filters(self)
            return
        super().check()


class AutocompleteQueryCompiler(SearchQueryCompiler):
    autocomplete = True

    def check(self) -> None:
        SearchQueryCompiler.check(self)
