"""sitemap.xml with every language's pages and their hreflang alternates, and robots.txt.

Wagtail's own sitemap lists the descendants of the site's root page only, which is the Swedish
home page: the English tree is a sibling of it, so it would be missing. This one lists the
trees of every translation of the root page and links each page to its translations.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap_view
from wagtail.models import Page

from core.templatetags.platform_tags import make_absolute


class LocalisedSitemap(Sitemap):
    """Every live, public page of every locale, each with its translations as alternates."""

    limit = 50_000  # the protocol's maximum; the whole site fits on one sitemap page

    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True).live()
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        if not in_a_tree:
            return Page.objects.none()
        # select_related("locale"): building a page's URL reads its locale.
        return (
            Page.objects.live().public().filter(in_a_tree).select_related("locale").order_by("path")
        )

    def _location_by_key(self) -> dict[Any, dict[str, str]]:
        if not hasattr(self, "_locations"):
            locations: dict[Any, dict[str, str]] = defaultdict(dict)
            for page in self.items():
                url = page.get_full_url(self.request)
                if url:
                    locations[page.translation_key][page.locale.language_code] = url
            self._locations = locations
        return self._locations

    # Django's private _urls, overridden as Wagtail's Sitemap does (core/wagtail_patches/).
    def _urls(self, page: int, protocol: str, domain: str) -> list[dict]:
        locations = self._location_by_key()
        default_language = settings.LANGUAGE_CODE.split("-")[0]
        urls = []
        latest = set()
        for item in self.paginator.page(page).object_list:
            location = locations.get(item.translation_key, {}).get(item.locale.language_code)
            if not location:
                continue
            translations = locations.get(item.translation_key, {})
            alternates = []
            if len(translations) > 1:
                alternates = [
                    {"lang_code": code, "location": url}
                    for code, url in sorted(translations.items())
                ]
                if default_language in translations:
                    alternates.append(
                        {"lang_code": "x-default", "location": translations[default_language]}
                    )
            lastmod = item.last_published_at or item.latest_revision_created_at
            latest.add(lastmod)
            urls.append({"location": location, "lastmod": lastmod, "alternates": alternates})
        if latest and None not in latest:
            self.latest_lastmod = max(latest)
        return urls


class ViewsSitemap(Sitemap):
    """Public pages that are views rather than Wagtail pages (the open data page), per language."""

    url_names = ("open_data:index",)

    def items(self) -> list[str]:
        return list(self.url_names)

    # Django's private _urls (core/wagtail_patches/): one entry per language and alternates.
    def _urls(self, page: int, protocol: str, domain: str) -> list[dict]:
        default_language = settings.LANGUAGE_CODE.split("-")[0]
        urls = []
        for name in self.paginator.page(page).object_list:
            locations = {}
            for code, _label in settings.LANGUAGES:
                with translation.override(code):
                    locations[code] = make_absolute(self.request, reverse(name))
            alternates = [
                {"lang_code": code, "location": url} for code, url in sorted(locations.items())
            ]
            alternates.append({"lang_code": "x-default", "location": locations[default_language]})
            urls += [{"location": url, "alternates": alternates} for url in locations.values()]
        return urls


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
