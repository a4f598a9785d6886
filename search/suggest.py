""" "Did you mean …?": the closest words of the indexed vocabulary to a misspelt query."""

from __future__ import annotations

from django.db.models import Q

from . import text
from .models import SearchTerm

MAX_WORDS_TO_CORRECT = 3
MAX_CANDIDATES = 5000


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of neighbours counts once), capped at limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        row_min = current[0]
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _limit(word: str) -> int:
    return 1 if len(word) <= 4 else 2


def suggest(query: str, language: str) -> str | None:
    """The query with unknown words replaced by close, frequent indexed words; or None."""
    words = [
        w
        for w in dict.fromkeys(text.raw_words(query))
        if len(w) >= 3 and w.isalpha() and w not in text.STOP_WORDS.get(language, ())
    ]
    if not words:
        return None
    folded = {w: text.fold(w) for w in words}
    stems = {w: text.stem(folded[w], language) for w in words}
    known = set(
        SearchTerm.objects.filter(language=language)
        .filter(Q(term__in=set(folded.values())) | Q(stem__in=set(stems.values())))
        .values_list("term", "stem")
    )
    known_words = {term for term, _stem in known} | {stem for _term, stem in known}
    unknown = [w for w in words if folded[w] not in known_words and stems[w] not in known_words][
        :MAX_WORDS_TO_CORRECT
    ]
    if not unknown:
        return None

    # Candidates share the first letter and have a similar length; a range on `term` uses the
    # (language, term) unique index on both databases, unlike LIKE 'x%'.
    condition = Q()
    for word in unknown:
        f = folded[word]
        condition |= Q(
            term__gte=f[0],
            term__lt=chr(ord(f[0]) + 1),
            length__gte=len(f) - _limit(f),
            length__lte=len(f) + _limit(f),
        )
    candidates = list(
        SearchTerm.objects.filter(condition, language=language)
        .order_by("-frequency", "term")
        .values_list("term", "display", "frequency")[:MAX_CANDIDATES]
    )

    replacements: dict[str, str] = {}
    for word in unknown:
        f = folded[word]
        limit = _limit(f)
        best: tuple[int, int, str] | None = None
        for term, display, frequency in candidates:
            if term[0] != f[0] or abs(len(term) - len(f)) > limit:
                continue
            distance = edit_distance(f, term, limit)
            if distance <= limit and (best is None or (distance, -frequency) < best[:2]):
                best = (distance, -frequency, display)
        if best is not None:
            replacements[word] = best[2]
    if not replacements:
        return None

    def replace(match) -> str:
        return replacements.get(match.group().lower(), match.group())

    suggestion = text.WORD_RE.sub(replace, text._nfc(query))
    return suggestion if suggestion.lower() != query.lower() else None
