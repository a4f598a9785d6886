"""Facet counts and filtering of search hits, without a query per facet or per result.

The search finds the ranked ids of matching practices in one statement. What a practice
*is* (status, evidence level, municipalities, county, target groups, approaches, publication
date) is small and changes only when someone saves a practice, so it is kept in memory per
locale: a `FactSheet`, loaded in five queries and reused until something changes.

Freshness: the sheet is rebuilt when `current_generation()` changes: a counter in the cache
bumped by the save/delete signals of practices, municipalities and taxonomy terms (see
`search.apps`), and the time of the latest write to the search index, which every worker
process sees in the database whatever cache it has. Sheets also expire after SHEET_MAX_AGE.

Counting is "disjunctive", as readers expect from checkbox filters: the count shown next to a
value is the number of results the page would have if that value were ticked too, i.e. the
query and every *other* filter apply, and values within one filter are alternatives (OR).
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain

from django.core.cache import cache
from django.db.models import Max

from core.cache import bump_generation_counter, read_generation_counter
from municipalities.counties import COUNTY_CHOICES
from municipalities.models import MunicipalityPage
from practices.models import Approach, EvidenceLevel, PracticePage, PracticeStatus, TargetGroup

from .models import SearchDocument

GENERATION_KEY = "search:facts:generation"
SHEET_MAX_AGE = 300.0

KEY_SEPARATOR = "\x1f"

#: Filter names in the order they are shown; also the GET parameter names.
FACET_NAMES = ("target_group", "approach", "municipality", "county", "status", "evidence_level")


@dataclass(frozen=True, slots=True)
class PracticeFacts:
    status: str
    evidence_level: str
    municipalities: tuple[str, ...]  # codes: the owner, then the participants
    county: str
    target_groups: tuple[str, ...]  # slugs (identical in every language)
    approaches: tuple[str, ...]
    published: float  # first publication as a timestamp, for "newest first"
    # Derived once, so that counting is a C-level Counter over ready-made keys:
    by_facet: tuple[tuple[str, ...], ...] = ()  # values per facet, in FACET_NAMES order
    # Every "facet\x1fvalue" key, interned: a string caches its hash, so counting tens of
    # thousands of them is a fast C loop (tuples would be hashed again every time).
    keys: tuple[str, ...] = ()
    keys_by_facet: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def create(cls, **fields) -> PracticeFacts:
        facts = cls(**fields)
        by_facet = tuple(facts.values(name) for name in FACET_NAMES)
        keys_by_facet = tuple(
            tuple(sys.intern(f"{name}{KEY_SEPARATOR}{value}") for value in values)
            for name, values in zip(FACET_NAMES, by_facet, strict=True)
        )
        return cls(
            **fields,
            by_facet=by_facet,
            keys=tuple(key for group in keys_by_facet for key in group),
            keys_by_facet=keys_by_facet,
        )

    def values(self, name: str) -> tuple[str, ...]:
        if name == "target_group":
            return self.target_groups
        if name == "approach":
            return self.approaches
        if name == "municipality":
            return self.municipalities
        if name == "county":
            return (self.county,) if self.county else ()
        if name == "status":
            return (self.status,)
        return (self.evidence_level,)


@dataclass
class FactSheet:
    generation: tuple
    loaded_at: float
    facts: dict[int, PracticeFacts]
    # value → label for the locale's taxonomy and municipalities (names typed by editors)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    @cached_property
    def newest(self) -> list[int]:
        """Every practice of the sheet, most recently first published first."""
        facts = self.facts
        return sorted(facts, key=lambda pk: (facts[pk].published, pk), reverse=True)

    def newest_first(self, ids: Iterable[int]) -> list[int]:
        wanted = set(ids)
        return [pk for pk in self.newest if pk in wanted]


_sheets: dict[int, FactSheet] = {}
_lock = threading.Lock()


def current_generation() -> tuple:
    """Changes whenever practice data may have changed, as seen from any worker process.

    Two parts: a counter in the cache, bumped by the signals in search.apps (immediate, but
    only for other processes if the cache is shared), and the time of the latest write to
    the search index (an indexed MAX(), seen by every process: each save of a practice,
    municipality or taxonomy term reindexes it).
    """
    # None while the cache is unreachable: the index write time still reveals a change.
    counter = read_generation_counter(GENERATION_KEY, cache)
    latest = SearchDocument.objects.aggregate(latest=Max("updated_at"))["latest"]
    return (counter, latest)


def bump_generation(**_kwargs) -> None:
    """Signal receiver: practice data changed, facts must be re-read."""
    bump_generation_counter(GENERATION_KEY, cache)


def fact_sheet(locale_id: int, *, require: Iterable[int] = ()) -> FactSheet:
    """The facts of every live practice in a locale; rebuilt when stale or missing an id.

    `require`: ids that must be in the sheet (hits of a search restricted to live practices
    of the locale); an unknown one means the sheet is older than the database.
    """
    generation = current_generation()
    sheet = _sheets.get(locale_id)
    fresh = (
        sheet is not None
        and sheet.generation == generation
        and time.monotonic() - sheet.loaded_at < SHEET_MAX_AGE
    )
    if fresh and all(pk in sheet.facts for pk in require):
        return sheet
    with _lock:
        sheet = _load(locale_id, generation)
        _sheets[locale_id] = sheet
    return sheet


def _load(locale_id: int, generation: int) -> FactSheet:
    pages = PracticePage.objects.live().filter(locale_id=locale_id)
    page_ids = pages.values("pk")
    target_groups: dict[int, list[str]] = {}
    for pk, slug in PracticePage.target_groups.through.objects.filter(
        practicepage_id__in=page_ids
    ).values_list("practicepage_id", "targetgroup__slug"):
        target_groups.setdefault(pk, []).append(slug)
    approaches: dict[int, list[str]] = {}
    for pk, slug in PracticePage.approaches.through.objects.filter(
        practicepage_id__in=page_ids
    ).values_list("practicepage_id", "approach__slug"):
        approaches.setdefault(pk, []).append(slug)
    participants: dict[int, list[str]] = {}
    for pk, code in PracticePage.participating_municipalities.through.objects.filter(
        practicepage_id__in=page_ids
    ).values_list("practicepage_id", "municipalitypage__code"):
        participants.setdefault(pk, []).append(code)

    facts: dict[int, PracticeFacts] = {}
    for pk, status, evidence, code, county, published in pages.values_list(
        "pk",
        "status",
        "evidence_level",
        "municipality__code",
        "municipality__county",
        "first_published_at",
    ):
        codes = tuple(dict.fromkeys([c for c in [code, *participants.get(pk, [])] if c]))
        facts[pk] = PracticeFacts.create(
            status=status,
            evidence_level=evidence,
            municipalities=codes,
            county=county or "",
            target_groups=tuple(sorted(set(target_groups.get(pk, ())))),
            approaches=tuple(sorted(set(approaches.get(pk, ())))),
            published=published.timestamp() if published else 0.0,
        )
    return FactSheet(
        generation=generation,
        loaded_at=time.monotonic(),
        facts=facts,
        labels=_labels(locale_id),
    )


def _labels(locale_id: int) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {"target_group": {}, "approach": {}, "municipality": {}}
    for name, model in (("target_group", TargetGroup), ("approach", Approach)):
        # Terms of the reader's locale win; a term not yet translated keeps its own name.
        rows = model.objects.values_list("slug", "name", "locale_id")
        for slug, label, _term_locale in sorted(rows, key=lambda r: r[2] == locale_id):
            labels[name][slug] = label
    rows = MunicipalityPage.objects.filter(live=True).values_list("code", "title", "locale_id")
    for code, title, _page_locale in sorted(rows, key=lambda r: r[2] == locale_id):
        labels["municipality"][code] = title
    return labels


def static_labels() -> dict[str, dict[str, str]]:
    """Labels of the fixed choices, translated for the active language."""
    return {
        "county": {code: str(label) for code, label in COUNTY_CHOICES},
        "status": {value: str(label) for value, label in PracticeStatus.choices},
        "evidence_level": {value: str(label) for value, label in EvidenceLevel.choices},
    }


@dataclass
class FacetResult:
    ids: list[int]  # the hits that pass every filter, in the order given
    counts: dict[str, Counter]  # per filter: value → results if it were ticked too


def apply_filters(
    ids: Sequence[int], sheet: FactSheet, selected: dict[str, set[str]]
) -> FacetResult:
    """Filter the ranked ids and count every facet value, in one pass over the hits."""
    facts_by_id = sheet.facts
    active = [
        (index, selected[name]) for index, name in enumerate(FACET_NAMES) if selected.get(name)
    ]
    kept: list[int] = []
    # Keys counted for hits that fail exactly one filter: they count for that filter's values.
    near_misses: list[tuple[str, ...]] = []
    for pk in ids:
        facts = facts_by_id.get(pk)
        if facts is None:
            continue
        failing = -1
        failures = 0
        for index, chosen in active:
            if chosen.isdisjoint(facts.by_facet[index]):
                failures += 1
                failing = index
                if failures > 1:
                    break
        if failures == 0:
            kept.append(pk)
        elif failures == 1:
            near_misses.append(facts.keys_by_facet[failing])
    pairs = Counter(
        chain(
            chain.from_iterable(facts_by_id[pk].keys for pk in kept),
            chain.from_iterable(near_misses),
        )
    )
    counts: dict[str, Counter] = {name: Counter() for name in FACET_NAMES}
    for key, number in pairs.items():
        name, value = key.split(KEY_SEPARATOR, 1)
        counts[name][value] = number
    return FacetResult(ids=kept, counts=counts)
