"""Demo data for the learning features, called by the demo loader after the pages exist.

Idempotent: looked up before created, and a second run changes nothing that an editor may
have changed in between (titles, deadlines), except that related practices are recomputed.
"""

from __future__ import annotations

import io
import uuid
from datetime import timedelta
from pathlib import Path
from typing import TextIO

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from learning.models import CallForPractices, CallSubmission
from learning.related import rebuild_all
from municipalities.models import MunicipalityPage, MunicipalityProfile
from practices.models import PracticePage, ThemePage

# Stable identity of the demo call in every language, so reruns find it even if renamed.
DEMO_CALL_KEY = uuid.UUID("6f1d3c2e-5b7a-4c1e-9a0d-2b8f4e6c7a91")
DEMO_CALL_THEME_SLUG = "motesplatser"
DEMO_CALL_SUBMISSION_SLUG = "sprakcafe-och-drop-in"
DEMO_CALL = {
    "sv": {
        "title": "Upprop: mötesplatser som blivit ordinarie verksamhet",
        "description": (
            "Har en mötesplats för nyanlända i er kommun gått från projekt till ordinarie "
            "verksamhet? Berätta hur ni gjorde, vad det kostar och vad som inte fungerade, så "
            "att andra kommuner kan lära av er."
        ),
    },
    "en": {
        "title": "Call: meeting places that became regular operations",
        "description": (
            "Has a meeting place for newcomers in your municipality gone from project to "
            "regular operation? Tell us how you did it, what it costs and what did not work, "
            "so that other municipalities can learn from you."
        ),
    },
}
CALL_OPEN_DAYS = 90


def _log(stdout: TextIO | None, message: str) -> None:
    if stdout is not None:
        stdout.write(f"learning: {message}\n")


def ensure_profiles_from_pages() -> int:
    """A profile for every participating municipality, so the chooser is never empty.

    Fills only what is missing: an imported official list keeps its values.
    """
    created = 0
    sv = Locale.get_default()
    for page in MunicipalityPage.objects.filter(
        locale=sv, kind=MunicipalityPage.Kind.MUNICIPALITY
    ).order_by("pk"):
        profile, was_created = MunicipalityProfile.objects.get_or_create(
            code=page.code,
            defaults={
                "name": page.official_name or page.title,
                "short_name": page.title,
                "county": page.county,
                "population": page.population,
                "area_km2": page.area_km2,
                "municipality_group": page.municipality_group,
            },
        )
        created += was_created
        if not was_created:
            changed = False
            for name in ("population", "area_km2", "municipality_group"):
                if not getattr(profile, name) and getattr(page, name):
                    setattr(profile, name, getattr(page, name))
                    changed = True
            if changed:
                profile.save()
    return created


def ensure_demo_call() -> tuple[CallForPractices | None, bool]:
    sv = Locale.objects.filter(language_code="sv").first()
    if sv is None:
        return None, False
    theme = ThemePage.objects.filter(locale=sv, slug=DEMO_CALL_THEME_SLUG).first()
    call = CallForPractices.objects.filter(translation_key=DEMO_CALL_KEY, locale=sv).first()
    created = False
    if call is None:
        today = timezone.localdate()
        call = CallForPractices.objects.create(
            translation_key=DEMO_CALL_KEY,
            locale=sv,
            theme=theme,
            opens_on=today - timedelta(days=14),
            deadline=today + timedelta(days=CALL_OPEN_DAYS),
            **DEMO_CALL["sv"],
        )
        created = True
    en = Locale.objects.filter(language_code="en").first()
    if (
        en is not None
        and not CallForPractices.objects.filter(translation_key=DEMO_CALL_KEY, locale=en).exists()
    ):
        translation = call.copy_for_translation(en)
        translation.title = DEMO_CALL["en"]["title"]
        translation.description = DEMO_CALL["en"]["description"]
        translation.save()
    submitted = PracticePage.objects.filter(locale=sv, slug=DEMO_CALL_SUBMISSION_SLUG).first()
    if submitted is not None:
        CallSubmission.objects.get_or_create(call=call, practice=submitted)
    return call, created


OFFICIAL_LIST = Path(__file__).resolve().parent.parent / "municipalities/data/municipalities.csv"


def import_official_list() -> None:
    """All 290 municipalities (code, name, county), so every reader finds their own."""
    if OFFICIAL_LIST.is_file():
        call_command("import_municipalities", str(OFFICIAL_LIST), stdout=io.StringIO())


def build_learning_demo(stdout: TextIO | None = None) -> dict:
    """Profiles for the demo municipalities, an open call for practices, related practices."""
    with transaction.atomic():
        profiles = ensure_profiles_from_pages()
        import_official_list()
        call, call_created = ensure_demo_call()
    related = rebuild_all()
    _log(
        stdout,
        f"{profiles} municipality profiles created, call for practices "
        f"{'created' if call_created else 'present' if call else 'skipped (no Swedish locale)'}, "
        f"related practices computed for {related} practices",
    )
    return {
        "profiles_created": profiles,
        "call_created": call_created,
        "related_computed": related,
    }
