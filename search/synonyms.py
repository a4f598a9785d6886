"""Synonyms curated by the project managers, applied when searching (never when indexing).

A query word (or phrase) that belongs to a `SynonymSet` of the reader's language also finds
the set's other words. Matching is by index form, so any inflection of a set's word counts
("flyktingar" meets the set "flykting, …"). The result is an ordinary Wagtail query object,
so every backend runs it the same way:

    Or([Boost(<the query as typed>, EXACT_BOOST), And([Or([typed, synonym…]), …])])

The boosted branch makes a practice with the words typed rank above one that only has a
synonym. A query without any synonym stays exactly the query typed.

Backends and callers use `expand(query, language, operator)`; its `.query` is what to search
for, `.added` the words shown as "Also showing results for …", `.stems` the index forms to
highlight. The table of a language is kept in the fragment cache, which a change of any set
purges (search.apps), so a change takes effect at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail.search.query import And, Boost, Or, SearchQuery

from core.cache import cached_fragment

from . import text
from .query import LocalizedText

#: How much more a practice with the words typed counts than one with only a synonym.
EXACT_BOOST = 3.0
#: Longest phrase of a set that is looked for in a query, in words.
MAX_PHRASE_WORDS = 4

#: index forms of one set entry → the set's other entries, as written.
SynonymTable = dict[tuple[str, ...], tuple[str, ...]]


def build_table(entries: list[list[str]], language: str) -> SynonymTable:
    """The lookup table of a language from its sets (each a list of words or phrases)."""
    table: dict[tuple[str, ...], dict[str, None]] = {}
    for words in entries:
        # Keys as a query is analysed (stop words dropped): "på flykt" is found as "flykt".
        keyed = [(_key(word, language), word) for word in words]
        for key, _word in keyed:
            if not key or len(key) > MAX_PHRASE_WORDS:
                continue
            others = table.setdefault(key, {})
            for other_key, other in keyed:
                if other_key and other_key != key:
                    others.setdefault(other, None)
    return {key: tuple(others) for key, others in table.items() if others}


def _key(phrase: str, language: str) -> tuple[str, ...]:
    return tuple(term.variants[0] for term in text.analyse_query(phrase, [language]))


def synonym_table(language: str) -> SynonymTable:
    language = text.normalise_language(language)

    def load() -> SynonymTable:
        from .models import SynonymSet

        entries = [
            synonym_set.word_list()
            for synonym_set in SynonymSet.objects.select_related("locale")
            if text.normalise_language(synonym_set.locale.language_code) == language
        ]
        return build_table(entries, language)

    return cached_fragment(f"search-synonyms:{language}", load)


@dataclass(frozen=True)
class Expansion:
    query_string: str
    language: str
    operator: str
    #: per position of the query: (words typed, their synonyms); no synonyms → ().
    positions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    added: tuple[str, ...] = field(default=())

    @property
    def query(self) -> SearchQuery:
        typed = LocalizedText(self.query_string, self.language, self.operator)
        if not self.added:
            return typed
        parts = []
        for words, synonyms in self.positions:
            alternatives = [LocalizedText(w, self.language) for w in (words, *synonyms)]
            parts.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
        combined = parts[0] if len(parts) == 1 else (And if self.operator == "and" else Or)(parts)
        return Or([Boost(typed, EXACT_BOOST), combined])

    @property
    def stems(self) -> frozenset[str]:
        """Index forms of the words typed and of their synonyms (for highlighting)."""
        phrases = [words for words, _synonyms in self.positions]
        phrases += list(self.added)
        return frozenset(stem for phrase in phrases for stem in text.analyse(phrase, self.language))


def expand(
    query_string: str,
    language: str,
    operator: str = "and",
    table: SynonymTable | None = None,
) -> Expansion:
    """The query with the synonyms of its words (or phrases) in `language`."""
    language = text.normalise_language(language)
    terms = text.analyse_query(query_string, [language])
    if table is None:
        table = synonym_table(language) if terms else {}
    stems = [term.variants[0] for term in terms]
    positions: list[tuple[str, tuple[str, ...]]] = []
    added: dict[str, None] = {}
    typed = {term.folded for term in terms}
    i = 0
    while i < len(terms):
        for length in range(min(MAX_PHRASE_WORDS, len(terms) - i), 0, -1):
            synonyms = table.get(tuple(stems[i : i + length]))
            if synonyms:
                break
        else:
            length, synonyms = 1, ()
        # A synonym the reader typed anyway is no news.
        synonyms = tuple(s for s in synonyms if text.fold(s.lower()) not in typed)
        positions.append((" ".join(t.word for t in terms[i : i + length]), synonyms))
        added.update(dict.fromkeys(synonyms))
        i += length
    return Expansion(query_string, language, operator, tuple(positions), tuple(added))
