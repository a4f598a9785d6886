"""Compare 2–4 practices side by side: the ids a URL asks for, fetched in fixed queries.

The comparison lives in the query string (``?p=12&p=34``), so it is shareable, bookmarkable and
works without JavaScript or a session. Ids of another language's copy are mapped to the current
language through the translation key, so switching language keeps the same comparison.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Prefetch, Q
from wagtail.models import Locale

from municipalities.models import MunicipalityPage

from .models import PracticePage

MIN_COMPARED = 2
MAX_COMPARED = 4
MAX_SUGGESTIONS = 6
PARAM = "p"


@dataclass
class Comparison:
    practices: list[PracticePage] = field(default_factory=list)
    # Ids asked for that are not a live, public practice (in any language).
    missing: list[str] = field(default_factory=list)
    # More than MAX_COMPARED asked for: the extra ones were left out.
    truncated: bool = False
    suggestions: list[PracticePage] = field(default_factory=list)

    @property
    def ids(self) -> list[int]:
        return [p.pk for p in self.practices]

    @property
    def is_complete(self) -> bool:
        return len(self.practices) >= MIN_COMPARED

    @property
    def max(self) -> int:
        return MAX_COMPARED

    @property
    def has_sources(self) -> bool:
        return True  # every practice record has its sources (a StreamField on the page)

    @property
    def has_room(self) -> bool:
        return len(self.practices) < MAX_COMPARED


def query_for(ids: Iterable[int]) -> str:
    """The query string of a comparison of these practices, in this order ("" if none)."""
    ids = list(ids)
    return "?" + urlencode([(PARAM, i) for i in ids]) if ids else ""


def parse_ids(values: Iterable[str]) -> tuple[list[int], list[str], bool]:
    """Unique ids in the order given, the values that are not ids, and whether some were cut."""
    ids: list[int] = []
    invalid: list[str] = []
    for value in values:
        value = value.strip()
        if not value.isdigit() or len(value) > 10:
            if value:
                invalid.append(value[:20])
            continue
        number = int(value)
        if number not in ids:
            ids.append(number)
    return ids[:MAX_COMPARED], invalid, len(ids) > MAX_COMPARED


def _public_live():
    from core.cache import any_view_restrictions

    practices = PracticePage.objects.live()
    # A private page never enters a public comparison (public() costs a query; skip it when no
    # page is private at all).
    return practices.public() if any_view_restrictions() else practices


def build(values: Iterable[str], locale: Locale) -> Comparison:
    """The comparison asked for by ``?p=`` values, in the given language.

    Queries: one for the translation keys of the ids, one for the practices with their owner,
    one each for target groups, approaches, participating municipalities and (if the model has
    them), and one for the suggestions: a fixed number however many are compared.
    """
    ids, invalid, truncated = parse_ids(values)
    comparison = Comparison(missing=invalid, truncated=truncated)
    if not ids:
        return comparison
    keys = dict(_public_live().filter(pk__in=ids).values_list("pk", "translation_key"))
    comparison.missing += [str(i) for i in ids if i not in keys]
    wanted = [keys[i] for i in ids if i in keys]
    if not wanted:
        return comparison
    prefetches: list = [
        "target_groups",
        "approaches",
        Prefetch(
            "participating_municipalities",
            queryset=MunicipalityPage.objects.live().order_by("title"),
            to_attr="live_participants",
        ),
    ]
    found = {
        p.translation_key: p
        for p in _public_live()
        .filter(locale=locale, translation_key__in=wanted)
        .select_related("municipality", "locale")
        .prefetch_related(*prefetches)
    }
    ordered: list[PracticePage] = []
    for pk in ids:
        key = keys.get(pk)
        if key is None:
            continue
        if key in found and found[key] not in ordered:
            ordered.append(found[key])
        elif key not in found:
            comparison.missing.append(str(pk))  # live, but not in this language
    comparison.practices = ordered
    comparison.suggestions = suggestions(ordered, locale)
    return comparison


def suggestions(practices: list[PracticePage], locale: Locale) -> list[PracticePage]:
    """Other live practices sharing most target groups and approaches with those compared."""
    if not practices:
        return []
    group_ids = {tg.pk for p in practices for tg in p.target_groups.all()}
    approach_ids = {a.pk for p in practices for a in p.approaches.all()}
    if not group_ids and not approach_ids:
        return []
    shared = Count("target_groups", filter=Q(target_groups__in=group_ids), distinct=True) + Count(
        "approaches", filter=Q(approaches__in=approach_ids), distinct=True
    )
    candidates = (
        _public_live()
        .filter(locale=locale)
        .filter(Q(target_groups__in=group_ids) | Q(approaches__in=approach_ids))
        .exclude(pk__in=[p.pk for p in practices])
        .annotate(shared=shared)
        .filter(shared__gt=0)
        .select_related("municipality")
        .order_by("-shared", "title", "pk")
    )
    return list(candidates[:MAX_SUGGESTIONS])
