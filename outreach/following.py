"""What a subscription follows: the filter taken from a list's URL, its description, its matches.

A reader follows the list they are looking at: a search (query and filters), the filtered
practice index, a theme page or a municipality page. The filter is kept as plain query
parameters so that it means the same on the search page, in the digest and in the database.
Themes and municipalities are kept by translation key, so the follow survives a rename and
means the same page in both languages.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from wagtail.models import Locale

from municipalities.counties import COUNTY_CHOICES
from municipalities.models import MunicipalityPage
from practices.models import Approach, EvidenceLevel, PracticePage, PracticeStatus, TargetGroup
from practices.models.index_pages import ThemePage
from search.forms import MAX_VALUE_LENGTH, MAX_VALUES_PER_FILTER, clean_query
from search.service import ranked_hits

#: Multiple-choice filters, as on the search page and the practice index.
LIST_FILTERS = ("target_group", "approach", "municipality", "county", "status", "evidence_level")
#: The practice index's name of a filter the search page names otherwise.
ALIASES = {"evidence": "evidence_level"}
#: Pages followed as a whole, by translation key.
PAGE_FILTERS = {"theme": ThemePage, "owner": MunicipalityPage}

_CONDITIONS = {
    "target_group": lambda v: Q(target_groups__slug__in=v),
    "approach": lambda v: Q(approaches__slug__in=v),
    "municipality": lambda v: (
        Q(municipality__code__in=v) | Q(participating_municipalities__code__in=v)
    ),
    "county": lambda v: Q(municipality__county__in=v),
    "status": lambda v: Q(status__in=v),
    "evidence_level": lambda v: Q(evidence_level__in=v),
}


def _page_key(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        return None


def normalise(data: Mapping) -> dict:
    """The followable part of a query string, bounded and in one canonical form.

    ``data`` is a QueryDict or a dict of lists; unknown parameters are dropped, values sorted so
    that the same list always gives the same filter (one subscription per filter and address).
    """
    getlist = data.getlist if hasattr(data, "getlist") else lambda k: list(data.get(k) or [])
    filters: dict = {}
    raw_query = data.get("q", "") if hasattr(data, "getlist") else (data.get("q") or "")
    if isinstance(raw_query, list):
        raw_query = raw_query[0] if raw_query else ""
    query, _truncated = clean_query(str(raw_query))
    if query:
        filters["q"] = query
    for name in LIST_FILTERS:
        given = list(getlist(name)) + [
            v for alias, target in ALIASES.items() if target == name for v in getlist(alias)
        ]
        values = sorted(
            {
                str(v).strip()
                for v in given[:MAX_VALUES_PER_FILTER]
                if str(v).strip() and len(str(v)) <= MAX_VALUE_LENGTH
            }
        )
        if values:
            filters[name] = values
    for name, model in PAGE_FILTERS.items():
        values = getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        key = _page_key(values[0]) if values and values[0] else None
        if key and model.objects.live().public().filter(translation_key=key).exists():
            filters[name] = key
    return filters


def _page_in(model, key: str, locale: Locale):
    pages = model.objects.live().public().filter(translation_key=key)
    return pages.filter(locale=locale).first() or pages.first()


def describe(filters: dict, locale: Locale) -> list[tuple[str, str]]:
    """(label, value) pairs that say in words what is followed, in the active language."""
    lines: list[tuple[str, str]] = []
    if "theme" in filters:
        page = _page_in(ThemePage, filters["theme"], locale)
        if page:
            lines.append((_("Theme"), page.title))
    if "owner" in filters:
        page = _page_in(MunicipalityPage, filters["owner"], locale)
        if page:
            lines.append((_("Municipality"), page.title))
    if filters.get("q"):
        lines.append((_("Search words"), filters["q"]))
    labels = {
        "target_group": (_("Target group"), _names(TargetGroup, locale)),
        "approach": (_("Approach"), _names(Approach, locale)),
        "municipality": (_("Municipality"), _municipality_names(locale)),
        "county": (_("County"), {code: str(label) for code, label in COUNTY_CHOICES}),
        "status": (_("Status"), {k: str(v) for k, v in PracticeStatus.choices}),
        "evidence_level": (_("Evidence level"), {k: str(v) for k, v in EvidenceLevel.choices}),
    }
    for name in LIST_FILTERS:
        if filters.get(name):
            label, names = labels[name]
            lines.append((label, ", ".join(names.get(v, v) for v in filters[name])))
    if not lines:
        lines.append((_("Practices"), _("every newly published practice")))
    return lines


def _names(model, locale: Locale) -> dict[str, str]:
    rows = model.objects.values_list("slug", "name", "locale_id")
    # The active language's name wins over another language's.
    return {slug: name for slug, name, lid in sorted(rows, key=lambda r: r[2] == locale.pk)}


def _municipality_names(locale: Locale) -> dict[str, str]:
    rows = MunicipalityPage.objects.live().values_list("code", "title", "locale_id")
    return {code: title for code, title, lid in sorted(rows, key=lambda r: r[2] == locale.pk)}


def matching(filters: dict, locale: Locale, since: datetime) -> QuerySet[PracticePage]:
    """Live, public practices of the locale first published since ``since`` that match."""
    practices = (
        PracticePage.objects.live().public().filter(locale=locale, first_published_at__gte=since)
    )
    for name in LIST_FILTERS:
        if filters.get(name):
            ids = PracticePage.objects.filter(_CONDITIONS[name](filters[name])).values("pk")
            practices = practices.filter(pk__in=ids)
    if "theme" in filters:
        theme = _page_in(ThemePage, filters["theme"], locale)
        if theme is None or theme.locale_id != locale.pk:
            return PracticePage.objects.none()
        ids = [p.pk for p in theme.curated()] + list(
            theme.matching([]).values_list("pk", flat=True)
        )
        practices = practices.filter(pk__in=ids)
    if "owner" in filters:
        owner = _page_in(MunicipalityPage, filters["owner"], locale)
        if owner is None:
            return PracticePage.objects.none()
        key = owner.translation_key
        practices = practices.filter(
            Q(municipality__translation_key=key)
            | Q(participating_municipalities__translation_key=key)
        ).distinct()
    if filters.get("q"):
        language = locale.language_code
        ids = [pk for pk, _score in ranked_hits(filters["q"], locale, language)]
        practices = practices.filter(pk__in=ids)
    return practices.order_by("first_published_at", "pk")
