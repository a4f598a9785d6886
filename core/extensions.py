"""Registries through which higher apps add to the pages of lower ones.

Apps import only the apps below them (.importlinter). Where a page shows content of a higher
app (the home page's practices, a municipality's practices, the feed links in every page's
<head>), the app that owns the content registers a provider here from its own ``ready()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from wagtail.models import Page

PageContextProvider = Callable[[Page, HttpRequest, dict[str, Any]], None]
FeedLinkProvider = Callable[[HttpRequest | None, Page | None, Any], list[dict]]

_page_context: dict[type[Page], list[PageContextProvider]] = {}
_feed_links: list[FeedLinkProvider] = []


def register_page_context(model: type[Page], provider: PageContextProvider) -> None:
    """``provider(page, request, context)`` adds its entries to the context of ``model``'s pages."""
    providers = _page_context.setdefault(model, [])
    if provider not in providers:
        providers.append(provider)


def page_context(page: Page, request: HttpRequest, context: dict[str, Any]) -> None:
    """Let the providers registered for this page's type fill in its context."""
    for provider in _page_context.get(type(page), []):
        provider(page, request, context)


def register_feed_links(provider: FeedLinkProvider) -> None:
    """``provider(request, page, filter_form)`` returns the feeds to announce for a page."""
    if provider not in _feed_links:
        _feed_links.append(provider)


def feed_links(request: HttpRequest | None, page: Page | None, filter_form: Any) -> list[dict]:
    return [link for provider in _feed_links for link in provider(request, page, filter_form)]
