"""The public search page and its autocomplete endpoint."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from wagtail.search.backends import get_search_backend

from core.error_pages import plain_error_page
from core.locales import active_locale
from practices.models import PracticePage

from . import text
from .analytics import log_search
from .forms import MAX_QUERY_LENGTH, SearchParams, clean_query
from .query import LocalizedText
from .service import (
    SearchOutcome,
    promotions_for,
    run_search,
    themes_for,
    unavailable_errors,
)

logger = logging.getLogger(__name__)

FACET_TITLES = {
    "target_group": gettext_lazy("Target group"),
    "approach": gettext_lazy("Approach"),
    "municipality": gettext_lazy("Municipality"),
    "county": gettext_lazy("County"),
    "status": gettext_lazy("Status"),
    "evidence_level": gettext_lazy("Evidence level"),
}
SORT_CHOICES = [("relevance", gettext_lazy("Relevance")), ("newest", gettext_lazy("Newest"))]
AUTOCOMPLETE_LIMIT = 8
RETRY_AFTER_SECONDS = 30


def _query_string(params: SearchParams, selected: dict[str, set[str]], **changes) -> str:
    """A URL query for the same search with some parts changed (None removes a part)."""
    pairs: list[tuple[str, str]] = []
    query = changes.get("q", params.query)
    if query:
        pairs.append(("q", query))
    sort = changes.get("sort", params.sort)
    if sort and sort != ("relevance" if query else "newest"):
        pairs.append(("sort", sort))
    filters = changes.get("filters", selected)
    for name in FACET_TITLES:
        for value in sorted(filters.get(name, ())):
            pairs.append((name, value))
    page = changes.get("page")
    if page and page != 1:
        pairs.append(("page", str(page)))
    return "?" + urlencode(pairs) if pairs else "?"


def _pagination(outcome: SearchOutcome) -> dict | None:
    """Links to nearby pages only: a search can have hundreds of pages."""
    page_obj = outcome.page_obj
    if not page_obj.has_other_pages():
        return None

    def url(number: int) -> str:
        return _query_string(outcome.params, outcome.selected, page=number)

    items = []
    for number in page_obj.paginator.get_elided_page_range(
        page_obj.number, on_each_side=2, on_ends=1
    ):
        if number == page_obj.paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append(
                {"number": number, "url": url(number), "current": number == page_obj.number}
            )
    return {
        "previous": url(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        "next": url(page_obj.next_page_number()) if page_obj.has_next() else None,
        "items": items,
    }


def _removal_links(outcome: SearchOutcome) -> list[dict]:
    """One link per chosen filter value that searches again without it."""
    links = []
    for name, values in outcome.selected.items():
        for value in sorted(values):
            remaining = {k: set(v) for k, v in outcome.selected.items()}
            remaining[name].discard(value)
            links.append(
                {
                    "title": FACET_TITLES[name],
                    "label": outcome.labels.get(name, {}).get(value, value),
                    "url": _query_string(outcome.params, outcome.selected, filters=remaining),
                }
            )
    return links


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    params = SearchParams.from_querydict(request.GET)
    locale = active_locale()
    # The query is stemmed in the language of the pages it searches.
    language = text.normalise_language(locale.language_code)
    try:
        outcome = run_search(params, locale, language)
        first_page = outcome.page_obj.number == 1
        promotions = promotions_for(params.query, locale) if params.query and first_page else []
        themes = themes_for(locale) if not outcome.total else []
    except unavailable_errors():
        logger.exception("The search backend failed; answering 503.")
        return unavailable(request)

    if params.query and first_page and "page" not in request.GET:
        # Counted once per search, not again for every page of its results.
        log_search(params.query, language, outcome.hit_count)

    context = {
        "query": params.query,
        "params": params,
        "outcome": outcome,
        "results": outcome.results,
        "page_obj": outcome.page_obj,
        "facet_groups": [
            {"name": group.name, "title": FACET_TITLES[group.name], "options": group.options}
            for group in outcome.facet_groups
            if group.options
        ],
        "sort_choices": SORT_CHOICES,
        "promotions": promotions,
        "themes": themes,
        "removal_links": _removal_links(outcome),
        "pages": _pagination(outcome),
        "clear_filters_url": _query_string(params, outcome.selected, filters={}),
        "suggestion_url": (
            _query_string(params, outcome.selected, q=outcome.suggestion)
            if outcome.suggestion
            else None
        ),
        "max_query_length": MAX_QUERY_LENGTH,
    }
    response = render(request, "search/search.html", context)
    # Results depend on the query and the index; proxies should not keep them.
    response["Cache-Control"] = "private, max-age=0"
    return response


def unavailable(request: HttpRequest) -> HttpResponse:
    """A friendly 503: the rest of the site works, only the search is down."""
    try:
        response = render(request, "search/unavailable.html", status=503)
    except DatabaseError:
        # The database is the problem: the page template (menus…) cannot be built either.
        title = _("Search is temporarily unavailable")
        message = _("Please try again in a minute.")
        response = plain_error_page(title, message, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def autocomplete(request: HttpRequest) -> JsonResponse:
    """Practice titles starting with what has been typed: {"query": …, "results": [...]}."""
    query, _truncated = clean_query(request.GET.get("q", "")[: MAX_QUERY_LENGTH + 1])
    if len(query) < 2:
        return JsonResponse({"query": query, "results": []})
    locale = active_locale()
    language = text.normalise_language(locale.language_code)
    queryset = PracticePage.objects.live().filter(locale=locale)
    try:
        results = get_search_backend().autocomplete(LocalizedText(query, language), queryset)
        if hasattr(results, "hits"):
            ids = [pk for pk, _score in results.hits(AUTOCOMPLETE_LIMIT)]
        else:
            ids = [page.pk for page in results[:AUTOCOMPLETE_LIMIT]]
        pages = {
            page.pk: page
            for page in PracticePage.objects.filter(pk__in=ids).select_related("municipality")
        }
    except unavailable_errors():
        logger.exception("Autocomplete failed; answering 503.")
        response = JsonResponse({"query": query, "results": [], "error": "unavailable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    data = [
        {
            "title": pages[pk].title,
            "url": pages[pk].get_url(request),
            "municipality": pages[pk].municipality.title if pages[pk].municipality else "",
        }
        for pk in ids
        if pk in pages
    ]
    response = JsonResponse({"query": query, "results": data})
    response["Cache-Control"] = "private, max-age=60"
    return response
