"""sitemap.xml with every language's pages and their hreflang alternates, and robots.txt.

Wagtail's own sitemap lists the descendants of the site's root page only, which is the Swedish
home page: the English tree is a sibling of it, so it would be missing. This one lists the
trees of every translation of the root page and links each page to its translations.
"""

from __future__ import annotations

from collections import defaultdict
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap_view
from wagtail.models import Page

from core.templatetags.platform_tags import make_absolute, site_root_url

# The translations of every page in the sitemap being built, keyed by translation key and then
# by locale id: {key: {locale_id: (language code, URL)}}. Filled from one listing of the pages, so
# get_sitemap_urls() needs no query per page; unset outside a sitemap.
_sitemap_locations: ContextVar[dict[Any, dict[int, tuple[str, str]]] | None] = ContextVar(
    "sitemap_locations", default=None
)


def hreflang_alternates(translations: dict[str, str]) -> list[dict[str, str]]:
    """Each language's URL, then x-default (the default language's), for a page in two or more."""
    if len(translations) < 2:
        return []  # a page without a translation has no alternates to announce
    default_language = settings.LANGUAGE_CODE.split("-")[0]
    alternates = [
        {"lang_code": code, "location": url} for code, url in sorted(translations.items())
    ]
    if default_language in translations:
        alternates.append({"lang_code": "x-default", "location": translations[default_language]})
    return alternates


def page_sitemap_urls(page: Page, request: HttpRequest | None, urls: list[dict]) -> list[dict]:
    """Wagtail's sitemap entries of a page, with its location and alternates in every language.

    Used by SitemapAlternatesMixin.get_sitemap_urls (core/page_mixins.py), Wagtail's public hook.
    """
    locations = _sitemap_locations.get()
    if locations is None:  # asked outside a sitemap: look the page's translations up
        translations = {
            other.locale.language_code: other.get_full_url(request)
            for other in page.get_translations(inclusive=True)
            .live()
            .public()
            .select_related("locale")
        }
        translations = {code: url for code, url in translations.items() if url}
    else:
        by_locale = locations.get(page.translation_key, {})
        if page.locale_id not in by_locale:
            return []  # not routable from this site
        location = by_locale[page.locale_id][1]
        translations = dict(by_locale.values())
        urls = [{**entry, "location": location} for entry in urls]
    alternates = hreflang_alternates(translations)
    return [{**entry, "alternates": alternates} for entry in urls]


class LocalisedSitemap(Sitemap):
    """Every live, public page of every locale, each with its translations as alternates."""

    limit = 50_000  # the protocol's maximum; the whole site fits on one sitemap page

    def _pages(self) -> QuerySet[Page]:
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True).live()
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        if not in_a_tree:
            return Page.objects.none()
        return Page.objects.live().public().filter(in_a_tree).order_by("path")

    def items(self) -> QuerySet[Page]:
        # Specific pages, so that each type's get_sitemap_urls() is the one called.
        return self._pages().defer_streamfields().specific()

    def _locations(self) -> dict[Any, dict[int, tuple[str, str]]]:
        locations: dict[Any, dict[int, tuple[str, str]]] = defaultdict(dict)
        # select_related("locale"): building a page's URL reads its locale.
        for page in self._pages().select_related("locale"):
            url = page.get_full_url(self.request)
            if url:
                locations[page.translation_key][page.locale_id] = (
                    page.locale.language_code,
                    url,
                )
        return locations

    def get_urls(self, page: int = 1, site: Any = None, protocol: str | None = None) -> list[dict]:
        token = _sitemap_locations.set(self._locations())
        try:
            return super().get_urls(page=page, site=site, protocol=protocol)
        finally:
            _sitemap_locations.reset(token)


class ViewsSitemap(DjangoSitemap):
    """Public pages that are views rather than Wagtail pages (the open data page), per language.

    Django's own i18n sitemap: one entry per language, each with the others as alternates.
    """

    i18n = True
    alternates = True
    x_default = True  # the address without a language prefix, which redirects by Accept-Language
    url_names = ("open_data:index",)

    def __init__(self, request: HttpRequest | None = None) -> None:
        self.request = request  # Wagtail's sitemap view passes the request to every sitemap

    def items(self) -> list[str]:
        return list(self.url_names)

    def location(self, item: str) -> str:
        return reverse(item)

    # The Wagtail site's root, like the pages' entries, rather than the request's host.
    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(site_root_url(self.request)).scheme or super().get_protocol(protocol)

    def get_domain(self, site: Any = None) -> str:
        return urlsplit(site_root_url(self.request)).netloc or super().get_domain(site)


def sitemap(request: HttpRequest) -> HttpResponse:
    return wagtail_sitemap_view(
        request, sitemaps={"pages": LocalisedSitemap, "views": ViewsSitemap}
    )


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may index the public site but not the admin; the sitemap lists every page."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {make_absolute(request, reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]
