"""Synonym sets shipped with the demo (project managers edit or add to them in the admin)."""

from __future__ import annotations

import uuid
from typing import TextIO

from wagtail.models import Locale

from search.models import SynonymSet

#: slug → {language: words}. A slug's sets in both languages are translations of each other.
DEMO_SYNONYM_SETS: dict[str, dict[str, str]] = {
    "refugees": {
        "sv": "flykting, skyddsbehövande, asylsökande, på flykt, flydde, flytt, tillfälligt skydd",
        "en": "refugee, asylum seeker, fleeing, fled, displaced people, temporary protection",
    },
    "ukraine": {
        "sv": "Ukraina, ukrainsk, ukrainska, ukrainare",
        "en": "Ukraine, Ukrainian, Ukrainians",
    },
    "syria": {"sv": "Syrien, syrisk, syriska, syrier", "en": "Syria, Syrian, Syrians"},
    "somalia": {
        "sv": "Somalia, somalisk, somaliska, somalier",
        "en": "Somalia, Somali, Somalian, Somalis",
    },
    "countryside": {
        "sv": "landsbygd, glesbygd, byar",
        "en": "countryside, rural, villages",
    },
    "cafe": {"sv": "kafé, café", "en": "café, coffee shop"},
    "language-cafe": {
        "sv": "språkkafé, språkcafé, samtalsgrupp",
        "en": "language café, conversation group",
    },
}
NOTE = "Demo"


def demo_translation_key(slug: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"larplattformen:synonyms:{slug}")


def build_search_demo(stdout: TextIO | None = None) -> int:
    """Create the demo's synonym sets that are missing; edited sets are left as they are."""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    created = 0
    for slug, by_language in DEMO_SYNONYM_SETS.items():
        for language, words in by_language.items():
            locale = locales.get(language)
            if locale is None:
                continue
            _set, new = SynonymSet.objects.get_or_create(
                translation_key=demo_translation_key(slug),
                locale=locale,
                defaults={"words": words, "note": NOTE},
            )
            created += new
    if stdout is not None:
        stdout.write(f"Synonym sets: {created} created.")
    return created
