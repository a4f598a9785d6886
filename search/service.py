"""The practice search as a procedure: query → ranked ids → filters and facets → one page.

Kept apart from the view so that tests and the benchmark can call it, and so that the view
only deals with HTTP (parameters, URLs, templates, the 503 page).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.safestring import SafeString
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from core.cache import cached_fragment
from practices.models import PracticePage, ThemePage

from . import facets, synonyms, text
from .analytics import normalise_query
from .backends.database.backend import SearchBackendUnavailable
from .backends.database.results import DatabaseSearchResults
from .forms import SearchParams
from .suggest import suggest

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 12
#: Ranked hits read per query. Elasticsearch pages at most 10,000 deep by default; facet
#: counts of a query matching more than this many practices count the best 10,000.
MAX_HITS = 10_000
#: Below this many results, look for a "did you mean" suggestion.
SUGGEST_BELOW = 3


def unavailable_errors() -> tuple[type[BaseException], ...]:
    """Exceptions meaning "the search service is down", answered with a 503 page."""
    errors: list[type[BaseException]] = [SearchBackendUnavailable, OperationalError, InterfaceError]
    try:
        from elastic_transport import TransportError

        errors.append(TransportError)
    except ImportError:  # pragma: no cover - an optional extra
        pass
    try:
        from elasticsearch import ApiError

        errors.append(ApiError)
    except ImportError:  # pragma: no cover - an optional extra
        pass
    try:
        # Connection errors, timeouts and error answers of an OpenSearch cluster.
        from opensearchpy.exceptions import TransportError as OpenSearchTransportError

        errors.append(OpenSearchTransportError)
    except ImportError:  # pragma: no cover - an optional extra
        pass
    return tuple(errors)


@dataclass
class ResultItem:
    page: PracticePage
    excerpt: SafeString | None
    target_groups: list
    score: float = 0.0


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetGroup:
    name: str
    options: list[FacetOption]

    @property
    def selected_count(self) -> int:
        return sum(1 for option in self.options if option.selected)


@dataclass
class Promotion:
    title: str
    url: str | None
    page: Page | None
    description: str


@dataclass
class SearchOutcome:
    params: SearchParams
    language: str
    terms: list[text.QueryTerm]
    selected: dict[str, set[str]]
    facet_groups: list[FacetGroup]
    page_obj: PaginatorPage
    results: list[ResultItem]
    total: int
    hit_count: int  # matches of the query before filters (what the search log records)
    matched_any_word: bool = False  # no practice had every word; these have some of them
    also_showing: tuple[str, ...] = ()  # synonyms of the query's words that were searched too
    suggestion: str | None = None
    labels: dict[str, dict[str, str]] = field(default_factory=dict)


def ranked_hits(
    query: str,
    locale: Locale,
    language: str,
    operator: str = "and",
    sheet: facets.FactSheet | None = None,
) -> list[tuple[int, float]]:
    """(practice id, score) of live practices of the locale matching the query, best first.

    With our database backend and a fact sheet, the database only matches and ranks; the
    sheet (exactly the live practices of the locale) does the filtering in memory, which
    spares the database a subquery of every live practice on each search.
    """
    queryset = PracticePage.objects.live().filter(locale=locale)
    # With the project managers' synonyms; a change of a set purges the cached hits below.
    search_query = synonyms.expand(query, language, operator).query
    results = get_search_backend().search(search_query, queryset)
    if sheet is not None and isinstance(results, DatabaseSearchResults):
        # The match of a popular query is reused until the next publish purges it (with Redis
        # shared by every worker); facets, excerpts and the page are still made per request.
        digest = hashlib.sha256(query.encode()).hexdigest()[:32]
        key = f"search-hits:{locale.pk}:{language}:{operator}:{digest}"
        allowed = sheet.facts
        return cached_fragment(
            key,
            lambda: [hit for hit in results.hits(restrict=False) if hit[0] in allowed][:MAX_HITS],
        )
    if hasattr(results, "hits"):
        return results.hits(MAX_HITS)
    # A backend without hits(): read ids through the generic API (slower, same answer).
    return [(obj.pk, getattr(obj, "_score", 0.0) or 0.0) for obj in results[:MAX_HITS]]


def practice_texts(page: PracticePage) -> Iterator[str]:
    """Where an excerpt may come from, most telling first."""
    yield page.summary
    for name in (
        "challenge",
        "what_was_done",
        "results",
        "lessons_learned",
        "what_did_not_work",
        "transferability",
        "resources_needed",
        "scale_notes",
    ):
        value = getattr(page, name, "")
        if value:
            yield text.html_to_text(value)


def _strings(value) -> Iterator[str]:
    """Every text in a StreamField's stored JSON (block types, ids and choices excepted)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        if "type" in value and "value" in value:  # a block: only its value is content
            yield from _strings(value["value"])
        else:
            for key, item in value.items():
                if key not in ("id", "type", "level", "kind", "alignment"):
                    yield from _strings(item)


def stories(pks: list[int]) -> dict[int, str]:
    """The StreamField stories of some practices as plain text, in one query.

    Read as raw JSON text: building StreamField values for whole pages costs far more than
    the excerpt is worth.
    """
    rows = (
        PracticePage.objects.filter(pk__in=pks)
        .annotate(story=Cast("body", output_field=TextField()))
        .values_list("pk", "story")
    )
    texts = {}
    for pk, raw in rows:
        try:
            data = json.loads(raw) if raw else []
        except (TypeError, ValueError):
            data = []
        texts[pk] = " ".join(text.html_to_text(part) for part in _strings(data))
    return texts


def run_search(params: SearchParams, locale: Locale, language: str) -> SearchOutcome:
    terms = text.analyse_query(params.query, [language]) if params.query else []
    expansion = synonyms.expand(params.query, language) if terms else None
    sheet = facets.fact_sheet(locale.pk)
    labels = {**facets.static_labels(), **sheet.labels}
    known = {name: set(labels.get(name, {})) for name in facets.FACET_NAMES}
    selected = params.selected(known)

    def match() -> tuple[int, bool, facets.FacetResult, dict[int, float]]:
        nonlocal sheet
        matched_any_word = False
        scores: dict[int, float] = {}
        if params.query and terms:
            hits = ranked_hits(params.query, locale, language, sheet=sheet)
            if not hits and len(terms) > 1:
                hits = ranked_hits(params.query, locale, language, operator="or", sheet=sheet)
                matched_any_word = bool(hits)
            ids = [pk for pk, _score in hits]
            scores = dict(hits)
            if not sheet.facts.keys() >= set(ids):
                # Another backend found a practice published after the sheet was read.
                sheet = facets.fact_sheet(locale.pk, require=ids)
            if params.sort == "newest":
                ids = sheet.newest_first(ids)
        else:
            # Only punctuation, or no query at all: every practice, newest first. A query that
            # has no searchable word in it ("!!!") finds nothing rather than everything.
            ids = [] if params.query else sheet.newest
        result = facets.apply_filters(ids, sheet, selected)
        kept_scores = {pk: scores[pk] for pk in result.ids if pk in scores}
        return len(ids), matched_any_word, result, kept_scores

    if params.query and terms:
        # The same search (words, filters, order) gives the same list until the next publish
        # purges it; only the page of results shown is built per request.
        chosen = sorted((name, sorted(values)) for name, values in selected.items())
        digest = hashlib.sha256(repr((params.query, params.sort, chosen)).encode()).hexdigest()
        hit_count, matched_any_word, result, scores = cached_fragment(
            f"search-outcome:{locale.pk}:{language}:{digest[:32]}", match
        )
    else:
        hit_count, matched_any_word, result, scores = match()

    page_obj = Paginator(result.ids, RESULTS_PER_PAGE).get_page(params.page)
    # live() again: a practice unpublished a moment ago in another process must not show.
    # The StreamFields are not needed for a result and are costly to load.
    pages = (
        PracticePage.objects.live()
        .filter(pk__in=list(page_obj.object_list), locale=locale)
        .defer("body", "partners", "funding", "key_figures")
        .with_listing_relations()
    )
    by_pk = {page.pk: page for page in pages}
    stems = frozenset(v for term in terms for v in term.variants)
    if expansion is not None:
        stems |= expansion.stems
    items = []
    for pk in page_obj.object_list:
        page = by_pk.get(pk)
        if page is None:
            continue
        items.append(
            ResultItem(
                page=page,
                excerpt=text.excerpt(practice_texts(page), stems, language) if stems else None,
                target_groups=page.localized_target_groups(),
                score=scores.get(pk, 0.0),
            )
        )
    missing = [item.page.pk for item in items if stems and item.excerpt is None]
    if missing:
        # Found through the story (or the municipality, a target group…): look in the story.
        story_texts = stories(missing)
        for item in items:
            if item.page.pk in story_texts:
                item.excerpt = text.excerpt([story_texts[item.page.pk]], stems, language)

    suggestion = None
    also_showing = expansion.added if expansion is not None and result.ids else ()
    # Found through a synonym: the reader has an answer, not a misspelling.
    if params.query and len(result.ids) < SUGGEST_BELOW and not also_showing:
        candidate = suggest(params.query, language)
        if candidate and ranked_hits(candidate, locale, language, sheet=sheet):
            suggestion = candidate

    return SearchOutcome(
        params=params,
        language=language,
        terms=terms,
        selected=selected,
        facet_groups=_facet_groups(result.counts, selected, labels),
        page_obj=page_obj,
        results=items,
        total=len(result.ids),
        hit_count=hit_count,
        matched_any_word=matched_any_word,
        also_showing=also_showing,
        suggestion=suggestion,
        labels=labels,
    )


def _facet_groups(
    counts: dict, selected: dict[str, set[str]], labels: dict[str, dict[str, str]]
) -> list[FacetGroup]:
    groups = []
    for name in facets.FACET_NAMES:
        chosen = selected.get(name, set())
        group_labels = labels.get(name, {})
        options = [
            FacetOption(
                value=value,
                label=group_labels.get(value, value),
                count=counts[name].get(value, 0),
                selected=value in chosen,
            )
            for value in group_labels
            if counts[name].get(value, 0) or value in chosen
        ]
        if name in ("target_group", "approach", "municipality", "county"):
            options.sort(key=lambda option: option.label.casefold())
        groups.append(FacetGroup(name=name, options=options))
    return groups


def promotions_for(query: str, locale: Locale) -> list[Promotion]:
    """Editors' recommendations for this query, in the reader's language where possible."""
    normalised = normalise_query(query)
    if not normalised:
        return []
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalised)
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    if not picks:
        return []
    keys = [pick.page.translation_key for pick in picks if pick.page_id]
    in_locale = {
        page.translation_key: page
        for page in Page.objects.live().filter(translation_key__in=keys, locale=locale)
    }
    promotions = []
    for pick in picks:
        if pick.page_id:
            page = in_locale.get(pick.page.translation_key)
            if page is None:
                continue  # not published in this language
            promotions.append(
                Promotion(title=page.title, url=None, page=page, description=pick.description)
            )
        elif pick.external_link_url:
            promotions.append(
                Promotion(
                    title=pick.external_link_text or pick.external_link_url,
                    url=pick.external_link_url,
                    page=None,
                    description=pick.description,
                )
            )
    return promotions


def themes_for(locale: Locale, limit: int = 6) -> list[ThemePage]:
    return list(ThemePage.objects.live().filter(locale=locale).order_by("path")[:limit])
