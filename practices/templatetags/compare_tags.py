"""Template tags of the comparison: its query string, the "Compare" link, numbers for readers."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from ..compare import MAX_COMPARED, PARAM, query_for

register = template.Library()


@register.simple_tag
def compare_query(ids, add: int | None = None, remove: int | None = None) -> str:
    """The comparison's query string with one practice added or removed ("?p=1&p=2")."""
    result = [int(i) for i in ids if int(i) != remove]
    if add is not None and add not in result and len(result) < MAX_COMPARED:
        result.append(add)
    return query_for(result) or "?"


@register.simple_tag(takes_context=True)
def compared_ids(context) -> list[int]:
    """The practices already chosen for comparison on a listing (?p= kept in its address)."""
    request = context.get("request")
    if request is None:
        return []
    ids = []
    for value in request.GET.getlist(PARAM):
        if value.isdigit() and len(value) <= 10 and int(value) not in ids:
            ids.append(int(value))
    return ids[:MAX_COMPARED]


@register.filter
def grouped_number(value) -> str:
    """984700 → "984 700" in Swedish, "984,700" in English, whatever USE_THOUSAND_SEPARATOR says."""
    if value in (None, ""):
        return ""
    return number_format(value, force_grouping=True)


def _compare_base(request) -> str:
    """The comparison's URL in the active language, looked up once per request."""
    cached = getattr(request, "_compare_base_url", None)
    if cached is not None:
        return cached
    from wagtail.models import Site

    from core.cache import cached_fragment
    from core.locales import active_language

    from ..models import PracticeIndexPage

    language = active_language()
    site = Site.find_for_request(request)

    def build() -> str:
        index = (
            PracticeIndexPage.objects.live()
            .filter(locale__language_code=language)
            .order_by("path")
            .first()
        )
        return PracticeIndexPage.route_url_of(index, "compare", request) if index else ""

    url = cached_fragment(f"compare-base:{language}:{site.pk if site else 0}", build)
    request._compare_base_url = url
    return url


@register.inclusion_tag("practices/includes/compare_link.html", takes_context=True)
def compare_link(context, practice) -> dict:
    """ "Compare" for one practice: adds it to the comparison kept in the listing's address."""
    request = context.get("request")
    if request is None or not getattr(practice, "pk", None):
        return {"url": ""}
    ids = compared_ids(context)
    chosen = practice.pk in ids
    full = len(ids) >= MAX_COMPARED and not chosen
    base = _compare_base(request)
    return {
        "url": base + compare_query(ids, add=practice.pk) if base and not full else "",
        "chosen": chosen,
        "count": len(ids),
        "practice": practice,
    }
