"""Text analysis shared by indexing, querying, highlighting and "did you mean".

One pipeline for both sides: lower-case → split into words → fold diacritics → Snowball stem
in the language of the text. Folding comes *before* stemming so that "harnosand" and
"Härnösand" pass through the stemmer as the same string and can never stem differently.
The same function prepares the indexed text and the query, so what the reader types always
meets what the editor wrote in the same form.

Everything here is pure Python without database access; results are memoised per word because
a corpus has far fewer distinct words than running words (indexing 10,000 practices stems
millions of words but only tens of thousands of distinct ones).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.conf import settings
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

#: Languages with their own stemmer. Anything else is stemmed as the default language.
SNOWBALL_LANGUAGES = {"sv": "swedish", "en": "english"}

# Letters and digits; the underscore (part of \w) splits words too.
WORD_RE = re.compile(r"[^\W_]+")
TAG_RE = re.compile(r"<[^>]*>")
MAX_WORD_LENGTH = 40
# A query never needs more words than this; longer ones only cost time (and memory in the
# FTS engines), so the rest is ignored.
MAX_QUERY_TERMS = 12

# Letters that Unicode decomposition does not split into base letter + accent.
_SPECIAL_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "ł": "l", "þ": "th"}
)

# Query-time stop words: dropped from a query (unless nothing else is left) so that
# "skola för nyanlända" does not require "för" in every hit. They stay in the index.
STOP_WORDS = {
    "sv": frozenset(
        """alla andra av de dem den denna dessa det detta dig din du där efter eller en er ett
        från för genom hade han har hon hos hur här i inom inte jag kan man med men mot nu när
        och om på sig sin sina ska skulle som så till under upp ut utan vad var vara vi vid
        är än även""".split()
    ),
    "en": frozenset(
        """a about after all an and any are as at be been but by can do does for from had has
        have how i if in into is it its not of on or our so that the their them then there
        these they this those to was we were what when where which who will with you your
        """.split()
    ),
}

# Keyword extraction (related practices) drops more: words too general to tell two texts
# apart ("också", "olika", "many"). They stay meaningful in a query, where a reader who types
# "nya" or "two" means it, so they are not in STOP_WORDS.
KEYWORD_STOP_WORDS = {
    "sv": STOP_WORDS["sv"]
    | frozenset(
        """allt annat att bara bland blev bli blir deras dess dina ditt era ert fick finns flera
        får ha hela icke kom kunde mellan mer mest mycket många ned ny nya nytt också olika oss
        redan samma sedan sitt själv sådan tre två varför varit varje vars vem vilka vilken
        vilket våra vårt över""".split()
    ),
    "en": STOP_WORDS["en"]
    | frozenset(
        """also before being both could did each her here him his just many more most new now
        off once only other out over own same she should some such than three through too two
        under until very while whom why would""".split()
    ),
}
# Shorter words are mostly inflections and abbreviations that match too much to relate texts.
MIN_KEYWORD_LENGTH = 3


def default_language() -> str:
    return normalise_language(getattr(settings, "LANGUAGE_CODE", "sv"))


def normalise_language(code: str | None) -> str:
    """ "sv-se" → "sv"; unknown languages fall back to the site's default language."""
    short = (code or "").split("-")[0].lower()
    if short in SNOWBALL_LANGUAGES:
        return short
    fallback = (getattr(settings, "LANGUAGE_CODE", "sv") or "sv").split("-")[0].lower()
    return fallback if fallback in SNOWBALL_LANGUAGES else "sv"


def content_languages() -> tuple[str, ...]:
    codes = [normalise_language(code) for code, _name in getattr(settings, "LANGUAGES", [])]
    return tuple(dict.fromkeys(codes)) or (default_language(),)


def _nfc(text: str) -> str:
    # Decomposed input ("o" + combining diaeresis) would otherwise split words at the accent.
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-case and without diacritics: "Örnsköldsvik" → "ornskoldsvik"."""
    word = word.lower().translate(_SPECIAL_LETTERS)
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_stemmers: dict[str, object] = {}


def _snowball(language: str):
    stemmer = _stemmers.get(language)
    if stemmer is None:
        stemmer = _stemmers[language] = snowballstemmer.stemmer(SNOWBALL_LANGUAGES[language])
    return stemmer


@lru_cache(maxsize=400_000)
def stem(folded_word: str, language: str) -> str:
    """The index form of one folded word in one language."""
    stemmer = _snowball(language)
    result = stemmer.stemWord(folded_word)
    if language == "sv":
        # Snowball removes one suffix per pass: "mötesplatser" → "motesplats" but
        # "mötesplats" → "motesplat". Running it to a fixed point makes all forms meet.
        for _ in range(3):
            again = stemmer.stemWord(result)
            if again == result:
                break
            result = again
        # The definite singular of -a nouns ("skolan", "kvinnan") is not in Snowball's list.
        if len(result) >= 5 and result.endswith("an"):
            result = stemmer.stemWord(result[:-2])
    return result


@lru_cache(maxsize=400_000)
def index_form(word: str, language: str) -> str:
    """The index token of one word as written (any case): fold, then stem."""
    return stem(fold(word.lower()), language)


def raw_words(text: str) -> list[str]:
    """Words as written (lower-cased), in order."""
    if not text:
        return []
    return [w for w in WORD_RE.findall(_nfc(text).lower()) if len(w) <= MAX_WORD_LENGTH]


def analyse(text: str, language: str) -> list[str]:
    """Index tokens of a text: folded and stemmed; one-letter words are dropped."""
    return [index_form(word, language) for word in raw_words(text) if len(word) > 1]


def index_text(text: str, language: str) -> str:
    return " ".join(analyse(text, language))


def folded_words(text: str) -> list[str]:
    """Folded but unstemmed words, for prefix matching (autocomplete)."""
    return [fold(word) for word in raw_words(text)]


def keywords(text: str, language: str) -> list[str]:
    """Index forms of the words that say what a text is about, in order, repeats kept.

    The index's own analysis (fold, then stem, with the Swedish fixes), so a keyword meets
    every spelling and inflection the search finds: "Härnösand" and "harnosand",
    "mötesplats" and "mötesplatser". Stop words (KEYWORD_STOP_WORDS, compared as written,
    like the query's), numbers and words shorter than MIN_KEYWORD_LENGTH are left out.
    """
    language = normalise_language(language)
    stops = KEYWORD_STOP_WORDS[language]
    result: list[str] = []
    for word in raw_words(text):
        if len(word) < MIN_KEYWORD_LENGTH or word in stops:
            continue
        # A number says nothing about the subject; "covid19" (letters too) is kept whole,
        # as the index keeps it.
        if not any(ch.isalpha() for ch in word):
            continue
        form = index_form(word, language)
        if len(form) >= MIN_KEYWORD_LENGTH:
            result.append(form)
    return result


def html_to_text(value: str) -> str:
    """Plain text of rich text: tags become spaces so paragraphs do not run together."""
    if "<" not in value and "&" not in value:
        return value
    return html.unescape(TAG_RE.sub(" ", value))


def compound_part_forms(words: Iterable[str], language: str) -> list[str]:
    """Index forms of the last parts of the compounds among `words` ("mötesplats" → plats)."""
    from . import compounds

    return compounds.parts([w.lower() for w in words], language)


def matches(word: str, stems: set[str] | frozenset[str], language: str) -> bool:
    """Whether a word as written is one of the query's index forms, whole or by its last part."""
    if index_form(word, language) in stems:
        return True
    if language != "sv" or len(word) < 8:
        return False
    return any(part in stems for part in compound_part_forms([word], language))


@dataclass(frozen=True)
class QueryTerm:
    """One word of a query: what the reader typed and its index forms."""

    word: str  # lower-cased, as typed
    folded: str  # without diacritics, for prefix matching and the vocabulary
    variants: tuple[str, ...]  # stemmed forms, one per language considered (duplicates removed)


def analyse_query(text: str, languages: Sequence[str]) -> list[QueryTerm]:
    """Split a query into terms stemmed in each of `languages`.

    With one language (the public search knows the reader's language) every term has one
    form. With several (the admin searches all languages) a term matches any of its forms.
    """
    words = [w for w in raw_words(text) if len(w) > 1 or w.isdigit()]
    if not words:
        return []
    stop_sets = [STOP_WORDS.get(lang, frozenset()) for lang in languages]
    content = [w for w in words if not all(w in stops for stops in stop_sets)]
    # A query made only of stop words ("the who") still searches for them.
    words = content or words
    terms: list[QueryTerm] = []
    seen: set[str] = set()
    for word in words:
        folded = fold(word)
        if folded in seen:
            continue
        seen.add(folded)
        variants = tuple(dict.fromkeys(stem(folded, lang) for lang in languages))
        terms.append(QueryTerm(word=word, folded=folded, variants=variants))
        if len(terms) >= MAX_QUERY_TERMS:
            break
    return terms


def excerpt(
    texts: Iterable[str],
    stems: set[str] | frozenset[str],
    language: str,
    *,
    max_words: int = 32,
    fallback: Callable[[], str] | None = None,
) -> SafeString | None:
    """A short passage with the query's words in <mark>, or None if no text matches.

    `fallback` gives one more text, read only if none of `texts` matches (a StreamField
    story is slow to turn into text).

    Every piece of text is escaped on its own and only our <mark> tags are added around
    escaped words, so neither page content nor the query can inject markup.
    """
    if not stems:
        return None
    best: tuple[int, str, list[re.Match], int] | None = None

    def candidates() -> Iterator[str]:
        yield from texts
        if best is None and fallback is not None:
            yield fallback()

    for text in candidates():
        if not text:
            continue
        text = _nfc(text)
        tokens = list(WORD_RE.finditer(text))
        if not tokens:
            continue
        hits = [i for i, match in enumerate(tokens) if matches(match.group(), stems, language)]
        if not hits:
            continue
        start, score = _best_window(tokens, hits, stems, language, max_words)
        if best is None or score > best[0]:
            best = (score, text, tokens, start)
        if score >= len(stems):
            break  # every query word is in this passage: no better one exists
    if best is None:
        return None
    _score, text, tokens, start = best
    return _render_window(text, tokens, start, max_words, stems, language)


def _best_window(
    tokens: list[re.Match], hits: list[int], stems, language: str, max_words: int
) -> tuple[int, int]:
    """Start index of the window with most distinct matched words (earliest wins a tie)."""
    best_start, best_score = hits[0], 0
    for first in hits:
        seen = set()
        for i in hits:
            if first <= i < first + max_words:
                seen.add(index_form(tokens[i].group(), language))
        if len(seen) > best_score:
            best_start, best_score = first, len(seen)
    # Show a little context before the first match.
    return max(0, best_start - 4), best_score


def _render_window(
    text: str, tokens: list[re.Match], start: int, max_words: int, stems, language: str
) -> SafeString:
    end = min(len(tokens), start + max_words)
    parts: list[str] = ["…"] if start > 0 else []
    position = tokens[start].start()
    for match in tokens[start:end]:
        parts.append(str(conditional_escape(text[position : match.start()])))
        word = match.group()
        escaped = str(conditional_escape(word))
        if matches(word, stems, language):
            parts.append(f"<mark>{escaped}</mark>")
        else:
            parts.append(escaped)
        position = match.end()
    tail = text[position:] if end == len(tokens) else ""
    parts.append(str(conditional_escape(tail.rstrip())))
    if end < len(tokens):
        parts.append(" …")
    return mark_safe("".join(parts).strip())  # noqa: S308 - built from escaped pieces only
