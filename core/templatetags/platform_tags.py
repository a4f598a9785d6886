from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import translate_url
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from core import extensions
from core.cache import cached_fragment
from core.locales import active_language

register = template.Library()
T = TypeVar("T")

# Open Graph wants a territory with the language; these are the ones our audience uses.
OG_LOCALES = {"sv": "sv_SE", "en": "en_GB"}
# 1.91:1 is what the large link previews of most platforms show uncropped.
SOCIAL_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"
# Practice cards: a 16:9 crop in widths for one- to three-column grids on 1x and 2x screens.
CARD_IMAGE_FILTERS = "fill-{400x225,640x360,800x450}|format-{avif,webp}"
CARD_IMAGE_SPECS = [
    f"fill-{size}|format-{fmt}"
    for fmt in ("avif", "webp")
    for size in ("400x225", "640x360", "800x450")
]


def site_root_url(request: HttpRequest | None) -> str:
    """The public root URL of the Wagtail site serving this request, without a trailing slash.

    Canonical links, hreflang alternates, Open Graph URLs, feeds and the sitemap all use the
    same root, so search engines never see two hosts for one page.
    """
    if request is None:
        site = Site.objects.filter(is_default_site=True).first()
        return site.root_url if site else ""
    site = Site.find_for_request(request)
    if site is not None:
        return site.root_url
    return request.build_absolute_uri("/").rstrip("/")


def make_absolute(request: HttpRequest | None, url: str) -> str:
    if not url or urlsplit(url).scheme:
        return url
    return f"{site_root_url(request)}{url}"


@register.simple_tag(takes_context=True)
def language_alternates(context, page: Page | None = None) -> list[dict]:
    """One entry per language: the URL of the current page's translation, or that locale's home.

    Non-page views (search, feeds) fall back to Django's translate_url.
    """
    request = context.get("request")
    if not isinstance(page, Page):
        page = None  # a template without a page passes "" (or a paginator page)
    current = active_language()
    names = dict(settings.LANGUAGES)
    alternates = []
    translations: dict[str, str] = {}
    # A route of a page (RoutablePageMixin: the comparison, the map) names its own alternates.
    override = context.get("language_alternate_urls")
    if override:
        translations = dict(override)
    elif page is not None and getattr(page, "pk", None):

        def build() -> dict[str, str]:
            live = page.get_translations(inclusive=True).live().select_related("locale")
            return {t.locale.language_code: t.get_url(request=request) for t in live}

        translations = _per_site(request, f"alternates:{page.pk}", build)
    for code, _name in settings.LANGUAGES:
        url = None
        exact = False
        if code in translations:
            url = translations[code]
            exact = True
        elif request is not None and page is None:
            url = translate_url(request.get_full_path(), code)
            exact = url != request.get_full_path() or code == current
        if not url:
            url = _home_url(request, context.get("nav_home"), code)
        alternates.append(
            {
                "code": code,
                "name": names[code],
                "url": url,
                "is_current": code == current,
                "exact": exact,
            }
        )
    return alternates


def _per_site(request: HttpRequest | None, key: str, build: Callable[[], T]) -> T:
    """`build()` kept in the fragment cache for the request's site (URLs and settings are per
    site); built afresh where there is no site."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return build()
    return cached_fragment(f"{key}:{site.pk}", build)


def _home_url(request: HttpRequest | None, home: Page | None, code: str) -> str:
    """The home page in another language: where the language switch leads from an untranslated
    page."""
    if home is None:
        return f"/{code}/"

    def build() -> str:
        locale = Locale.objects.filter(language_code=code).first()
        target = home.get_translation_or_none(locale) if locale else None
        return (target.get_url(request=request) if target else None) or f"/{code}/"

    return _per_site(request, f"home-url:{home.pk}:{code}", build)


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """`url` on the site's public root (the Wagtail Site record), as canonical links use."""
    return make_absolute(context.get("request"), url)


@register.simple_tag(takes_context=True)
def canonical_url(context, page: Page | None = None) -> str:
    """The URL search engines should index for this response.

    Pages: their own URL, keeping only ?page=N of an unfiltered listing (each page of a list
    holds different items); filtered or sorted variants point at the plain listing.
    Other views: their path without a query string.
    """
    request = context.get("request")
    if request is None:
        return ""
    if context.get("route_url"):
        url = context["route_url"]  # a route of a page (RoutablePageMixin) is its own document
    elif page is not None and getattr(page, "pk", None):
        url = page.get_url(request=request) or ""
    else:
        url = request.path
    params = request.GET
    number = params.get("page", "")
    if set(params.keys()) == {"page"} and number.isdigit() and 1 < int(number) < 10_000:
        url = f"{url}?page={int(number)}"
    return make_absolute(request, url)


@register.simple_tag
def page_numbers(page_obj) -> list[int]:
    """The first and last page and two on each side of the current one, without looping over
    every page number (10,000 practices are 834 pages)."""
    paginator = page_obj.paginator
    return [
        number
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
        if number != paginator.ELLIPSIS
    ]


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs) -> str:
    """The current query string with some parameters replaced (used by pagination links)."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in kwargs.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def query_without(context, *names: str) -> str:
    """The current query string without some parameters: "" or "?a=1&b=2"."""
    request = context.get("request")
    if request is None:
        return ""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else ""


@register.simple_tag(takes_context=True)
def site_setting(context, name: str) -> object:
    """A plain value of the site settings (e.g. the contact address), cached until a purge."""
    from core.models import SiteSettings

    request = context.get("request")

    def build() -> object:
        try:
            return getattr(SiteSettings.load(request_or_site=request), name, None)
        except Exception:  # noqa: BLE001 - a footer line must never take a page down
            return None

    return _per_site(request, f"site-setting:{name}", build)


@register.simple_tag(takes_context=True)
def site_page(context, name: str) -> Page | None:
    """A page chosen in the site settings (e.g. the accessibility statement), localised."""
    from core.models import SiteSettings

    request = context.get("request")
    language = active_language()

    def build() -> Page | None:
        try:
            site_settings = SiteSettings.load(request_or_site=request)
        except Exception:  # noqa: BLE001 - a footer link must never take a page down
            return None
        page = getattr(site_settings, name, None)
        if page is None or not page.live:
            return None
        locale = Locale.objects.filter(language_code=language).first()
        translated = page.get_translation_or_none(locale) if locale else None
        if translated is not None and translated.live:
            page = translated
        return page.specific

    return _per_site(request, f"site-page:{name}:{language}", build)


@register.simple_tag(takes_context=True)
def social_meta(context, page: Page | None = None) -> dict:
    """What Open Graph and Twitter cards show: type, locale and an image with its alt text."""
    request = context.get("request")
    language = active_language()
    meta = {
        "type": "website",
        "locale": OG_LOCALES.get(language, language),
        "alternate_locales": [
            OG_LOCALES.get(code, code) for code, _name in settings.LANGUAGES if code != language
        ],
        "image": make_absolute(request, static("img/og-default.png")),
        "image_width": 1200,
        "image_height": 630,
        "image_alt": _("Lärplattformen: good practices in integration"),
        "card": "summary_large_image",
    }
    if not isinstance(page, Page):
        return meta
    image = getattr(page, "hero_image", None)
    if page.specific_class.__name__ == "PracticePage":
        meta["type"] = "article"
    if image is not None:
        try:
            rendition = image.get_rendition(SOCIAL_IMAGE_SPEC)
        except Exception:  # noqa: BLE001 - a missing source file must not break the page
            return meta
        meta.update(
            image=make_absolute(request, rendition.url),
            image_width=rendition.width,
            image_height=rendition.height,
            image_alt=image.default_alt_text,
        )
    return meta


@register.simple_tag(takes_context=True)
def image_text_lang(context) -> str:
    """The language of image descriptions when it differs from the page's, else "".

    An image's description (its default alt text) is written once, in the source language,
    while the page may be a translation; marking it lets screen readers pronounce it right.
    """
    source = settings.LANGUAGE_CODE.split("-")[0]
    return source if active_language() != source else ""


@register.simple_tag
def with_card_renditions(practices: Iterable) -> list:
    """The practices, with the renditions their cards need fetched in one query.

    Without this every card would look up its renditions on its own (a query each on a cold
    cache), so a listing's query count would grow with its length.
    """
    items = list(practices)
    images = [p.hero_image for p in items if getattr(p, "hero_image_id", None)]
    if not images:
        return items
    rendition_model = get_image_model().get_rendition_model()
    found: dict[int, list] = {image.pk: [] for image in images}
    for rendition in rendition_model.objects.filter(
        image_id__in=list(found), filter_spec__in=CARD_IMAGE_SPECS
    ):
        found[rendition.image_id].append(rendition)
    for image in images:
        for rendition in found[image.pk]:
            # As Wagtail does for cached renditions: reading the alt text must not refetch it.
            rendition.image = image
        # Wagtail's documented hook: renditions missing from this list are created on demand.
        image.prefetched_renditions = list(found[image.pk])
    return items


@register.simple_tag(takes_context=True)
def feed_links(context, page: Page | None = None) -> list[dict]:
    """Atom and RSS feeds to announce in <head> (autodiscovery) for this page.

    The open-data app provides them (``core.extensions.register_feed_links``)."""
    return extensions.feed_links(context.get("request"), page, context.get("filter_form"))
