from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from wagtail.models import Locale, Page, Site

from core.cache import cached_fragment
from core.locales import active_language


def site_navigation(request: HttpRequest) -> dict:
    """The menu and the active locale's home page, for every template."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    language = active_language()
    # Lazy: the admin's own pages never show the menu, so they never look it up.
    navigation = SimpleLazyObject(
        lambda: cached_fragment(
            f"navigation:{site.pk}:{language}", lambda: _navigation(site, language)
        )
    )
    return {
        "nav_home": SimpleLazyObject(lambda: navigation[0]),
        "nav_menu": SimpleLazyObject(lambda: navigation[1]),
        "active_language": language,
    }


def _navigation(site: Site, language: str) -> tuple[Page, list[Page]]:
    locale = Locale.objects.filter(language_code=language).first()
    root = site.root_page
    home = root.get_translation_or_none(locale) if locale else None
    home = home or root
    menu = list(home.get_children().live().in_menu().specific().order_by("path"))
    return home, menu


def localized_page(page: Page | None, language: str) -> Page | None:
    if page is None:
        return None
    locale = Locale.objects.filter(language_code=language).first()
    return page.get_translation_or_none(locale) if locale else page
