"""``{% follow_url page %}``: the "Follow by e-mail" link of the list being shown."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from municipalities.models import MunicipalityPage
from practices.models.index_pages import ThemePage

from ..following import ALIASES, LIST_FILTERS

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_url(context, page=None) -> str:
    """The subscription form for this list: the page followed whole, or the query and filters."""
    params: list[tuple[str, str]] = []
    request = context.get("request")
    specific = getattr(page, "specific_deferred", page)
    if isinstance(specific, ThemePage):
        params.append(("theme", str(specific.translation_key)))
    elif isinstance(specific, MunicipalityPage):
        params.append(("owner", str(specific.translation_key)))
    elif request is not None:
        query = request.GET.get("q", "").strip()
        if query:
            params.append(("q", query[:200]))
        for name in (*LIST_FILTERS, *ALIASES):
            target = ALIASES.get(name, name)
            params.extend((target, value) for value in request.GET.getlist(name)[:50] if value)
    url = reverse("outreach:follow")
    return f"{url}?{urlencode(params)}" if params else url
