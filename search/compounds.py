"""Swedish compounds: the last part of a compound word, so that a search for it finds the whole.

In Swedish the meaning of a compound sits at its end ("språkcafé" is a café, "mötesplats" a
place, "genomgångsboende" a kind of boende) and readers search for that part. At index time
every long word is split once, at the place that leaves the longest final part that is a word
of its own, and that part's index form is stored with the document's body text: a search for
"plats" finds "mötesplats", ranked as a body match, below a practice with the word itself in
its title or summary.

The word list is the Swedish Hunspell dictionary of the `hunspell-sv` package (installed with
the project, from PyPI): its flags say which words may end a compound (COMPOUNDEND) and which
may begin one. Without the dictionary nothing is split (a warning is logged once).
"""

from __future__ import annotations

import logging
import sysconfig
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

#: A word shorter than this is not looked at.
MIN_COMPOUND_LENGTH = 8
MIN_HEAD_LENGTH = 3
MIN_TAIL_LENGTH = 4
#: The linking "s" between parts ("mötes|plats"); other linking vowels ("kvinno|jour") are
#: dictionary entries of their own (compound-begin forms).
LINKS = ("", "s")
#: Inflection endings removed from a final part before it is looked up ("platsen" → "plats").
ENDINGS = ("", "n", "t", "en", "et", "er", "ar", "or", "na", "erna", "arna", "orna", "s", "ns")
ENDINGS += ("ts", "ens", "ets", "e", "a", "ade", "at", "ande", "ende")


def dictionary_path() -> Path:
    configured = getattr(settings, "SEARCH_SWEDISH_DICTIONARY", "")
    if configured:
        return Path(configured)
    return Path(sysconfig.get_paths()["data"]) / "share" / "hunspell" / "sv_SE.dic"


@cache
def _word_list() -> tuple[frozenset[str], frozenset[str]]:
    """(folded words that may begin a compound, folded words that may end one)."""
    from . import text  # text imports this module; the word list is read on first use

    path = dictionary_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()[1:]  # first line: the count
    except OSError:
        logger.warning("No Swedish dictionary at %s: compounds are not split.", path)
        return frozenset(), frozenset()
    end_flag, only_in_compound = "Y", "Z"  # as sv_SE.aff declares them
    try:
        for line in path.with_suffix(".aff").read_text(encoding="utf-8").splitlines():
            if line.startswith("COMPOUNDEND "):
                end_flag = line.split()[1]
            elif line.startswith("ONLYINCOMPOUND "):
                only_in_compound = line.split()[1]
    except OSError:
        pass
    fold = text.fold.__wrapped__  # not memoised: 250,000 words would evict the text's words
    heads: set[str] = set()
    tails: set[str] = set()
    for line in lines:
        word, _slash, flags = line.partition("/")
        if len(word) < MIN_HEAD_LENGTH or not word.isalpha() or not word.islower():
            continue
        folded = fold(word)
        heads.add(folded)
        if end_flag in flags and only_in_compound not in flags and len(word) >= MIN_TAIL_LENGTH:
            tails.add(folded)
    return frozenset(heads), frozenset(tails)


def available() -> bool:
    return bool(_word_list()[1])


@lru_cache(maxsize=200_000)
def final_part(word: str) -> str | None:
    """The last part of a compound (folded, as inflected), or None for a non-compound.

    "mötesplatsen" → "platsen", "genomgångsboende" → "boende", "språkcafé" → "cafe". The
    split leaving the longest final part that is a dictionary word wins.
    """
    from . import text

    folded = text.fold(word)
    if len(folded) < MIN_COMPOUND_LENGTH or not folded.isalpha():
        return None
    heads, tails = _word_list()
    if not tails:
        return None
    for split in range(MIN_HEAD_LENGTH, len(folded) - MIN_TAIL_LENGTH + 1):
        tail = folded[split:]
        if not any(
            tail.endswith(ending) and tail[: len(tail) - len(ending)] in tails
            for ending in ENDINGS
            if len(tail) - len(ending) >= MIN_TAIL_LENGTH
        ):
            continue
        head = folded[:split]
        for link in LINKS:
            if head.endswith(link) and head[: len(head) - len(link)] in heads:
                return tail
    return None


def parts(words: list[str], language: str) -> list[str]:
    """Index forms of the final parts of the compounds among `words` (Swedish only)."""
    if language != "sv":
        return []
    from . import text

    found = []
    for word in words:
        part = final_part(word)
        if part is not None:
            found.append(text.stem(part, language))
    return found
