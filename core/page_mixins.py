"""Behaviour shared by every page type of the site."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest


class CachedViewRestrictionsMixin:
    """Skip the privacy lookup (two queries per page view) while no page is private at all.

    Wagtail asks every page served for the view restrictions of itself and its ancestors. Whether
    any restriction exists is kept in the fragment cache; saving or deleting one purges it.
    """

    def get_view_restrictions(self) -> QuerySet:
        from wagtail.models import PageViewRestriction

        from core.cache import any_view_restrictions

        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class SitemapAlternatesMixin:
    """The page's sitemap entry names its translations (hreflang), through Wagtail's public
    Page.get_sitemap_urls(); core/sitemaps.py supplies them for a whole sitemap from one listing.
    """

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict]:
        from core.sitemaps import page_sitemap_urls

        return page_sitemap_urls(self, request, super().get_sitemap_urls(request))
