"""The reader's language and its Wagtail locale: one definition for every app.

Inside i18n_patterns the URL prefix (/sv/, /en/) has activated the language; elsewhere
LocaleMiddleware has chosen it. Both helpers map it the way Wagtail maps content languages
(WAGTAIL_CONTENT_LANGUAGES, "en-gb" → "en"), so that the language named in a cache key and
the locale whose pages are listed can never disagree.

Imports only Django and Wagtail: core is the base layer every app may import.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale


def active_language() -> str:
    """The active content language ("sv", "en"); the site's default outside any language.

    No query: safe for cache keys and for pages that must render without the database.
    """
    try:
        return get_supported_content_language_variant(
            translation.get_language() or settings.LANGUAGE_CODE
        )
    except LookupError:  # a language the content is not written in
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def active_locale() -> Locale:
    """The Locale of the active language, or the default locale while it has none.

    One query. Raises Locale.DoesNotExist only when not even the default locale exists.
    """
    # Wagtail's own mapping, with the same fallback as active_language().
    return Locale.get_active()
