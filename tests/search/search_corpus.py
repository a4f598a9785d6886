"""A small bilingual corpus for the search tests, built with the shared factories.

Every practice is created and published through Wagtail, so it reaches the index the way an
editor's practice does (the post-save signal), not through a test shortcut.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from practices.models import Approach, TargetGroup
from search import facets
from tests.factories import (
    ApproachFactory,
    MunicipalityPageFactory,
    PracticePageFactory,
    TargetGroupFactory,
    ThemePageFactory,
    build_site_tree,
    translate,
)

NEUTRAL_SUMMARY = "En kort beskrivning av arbetet."


def translate_term(term: TargetGroup | Approach, locale: Locale, name: str):
    copy = term.copy_for_translation(locale)
    copy.name = name
    copy.save()
    return copy


def practice(parent, **fields):
    """A published practice; its first-publication time can be set for "newest" tests."""
    fields.setdefault("summary", NEUTRAL_SUMMARY)
    fields.setdefault("challenge", "<p>Utmaningen var stor.</p>")
    fields.setdefault("results", "<p>Det gick bra.</p>")
    published = fields.pop("published", None)
    target_groups = fields.pop("target_groups", [])
    approaches = fields.pop("approaches", [])
    participants = fields.pop("participants", [])
    page = PracticePageFactory(parent=parent, **fields)
    if target_groups or approaches or participants:
        page.target_groups.set(target_groups)
        page.approaches.set(approaches)
        page.participating_municipalities.set(participants)
        page.save_revision().publish()
    page.refresh_from_db()
    if published is not None:
        page.first_published_at = published
        page.save()  # saved like a later edit: reindexed, facts refreshed
    return page


def build_corpus(site_tree: dict) -> dict:
    """Practices in Hylte, Härnösand and Örnsköldsvik; some translated into English."""
    sv = site_tree["home_sv"].locale
    en = site_tree["home_en"].locale
    now = timezone.now()
    hylte = site_tree["municipality_sv"]
    harnosand = MunicipalityPageFactory(
        parent=site_tree["municipality_index_sv"],
        title="Härnösand",
        slug="harnosand",
        code="2280",
        county="22",
    )
    ornskoldsvik = MunicipalityPageFactory(
        parent=site_tree["municipality_index_sv"],
        title="Örnsköldsvik",
        slug="ornskoldsvik",
        code="2284",
        county="22",
    )
    translate(harnosand, en)
    translate(ornskoldsvik, en)

    women = TargetGroupFactory(name="Nyanlända kvinnor", slug="women", locale=sv)
    youth = TargetGroupFactory(name="Ungdomar", slug="youth", locale=sv)
    mentoring = ApproachFactory(name="Mentorskap", slug="mentoring", locale=sv)
    language_cafe = ApproachFactory(name="Språkcafé", slug="language-cafe", locale=sv)
    translate_term(women, en, "Newly arrived women")
    translate_term(youth, en, "Young people")
    translate_term(mentoring, en, "Mentoring")
    translate_term(language_cafe, en, "Language café")

    pages = {}
    # Ranking: the same rare word in the title, in the summary, only in the body.
    pages["homework_title"] = practice(
        hylte,
        title="Läxhjälp i biblioteket",
        published=now - timedelta(days=30),
        target_groups=[youth],
        approaches=[mentoring],
    )
    pages["homework_summary"] = practice(
        harnosand,
        title="Studiestöd för unga",
        summary="Volontärer ger läxhjälp två kvällar i veckan.",
        published=now - timedelta(days=20),
        target_groups=[youth],
    )
    pages["homework_body"] = practice(
        ornskoldsvik,
        title="Familjecentralen",
        what_was_done="<p>Vi ordnade också läxhjälp för syskonen.</p>",
        published=now - timedelta(days=10),
        target_groups=[women],
    )
    # Stemming: inflected Swedish forms.
    pages["meeting_places"] = practice(
        hylte,
        title="Mötesplatser för nyanlända",
        summary="Kvinnor träffas i mötesplatsen varje vecka.",
        status="regular",
        evidence_level="external",
        published=now - timedelta(days=5),
        target_groups=[women],
        approaches=[language_cafe],
    )
    pages["schools"] = practice(
        harnosand,
        title="Samarbete med skolorna",
        summary="Lärare och socialtjänst planerar tillsammans.",
        status="ended",
        published=now - timedelta(days=40),
        target_groups=[youth],
        approaches=[mentoring],
        participants=[hylte],
    )
    # Only in Swedish: must never appear in the English search.
    pages["swedish_only"] = practice(
        ornskoldsvik,
        title="Cykelskola för vuxna",
        published=now - timedelta(days=2),
        target_groups=[women],
    )

    # English translations of two practices.
    pages["meeting_places_en"] = translate(
        pages["meeting_places"],
        en,
        title="Meeting places for refugees",
        summary="Women meet at the meeting place every week.",
        challenge="<p>Isolation was the challenge.</p>",
        results="<p>It went well.</p>",
    )
    pages["schools_en"] = translate(
        pages["schools"],
        en,
        title="Working with the schools",
        summary="Teachers and social services plan together.",
        challenge="<p>Pupils dropped out.</p>",
        results="<p>Fewer pupils dropped out.</p>",
    )

    theme_index = site_tree["theme_index_sv"]
    themes = [
        ThemePageFactory(parent=theme_index, title="Språk och skola", slug="sprak-och-skola"),
        ThemePageFactory(parent=theme_index, title="Arbete och praktik", slug="arbete"),
    ]
    return {
        **pages,
        "hylte": hylte,
        "harnosand": harnosand,
        "ornskoldsvik": ornskoldsvik,
        "women": women,
        "youth": youth,
        "mentoring": mentoring,
        "language_cafe": language_cafe,
        "themes": themes,
        "sv": sv,
        "en": en,
    }


@contextmanager
def module_corpus(django_db_blocker) -> Iterator[dict]:
    """The corpus built once for a test module, inside a transaction rolled back at the end.

    Building it takes seconds (every page is published and indexed the Wagtail way), so the
    tests of a module share it. Each test still runs in its own savepoint (the `db`
    fixture), so what a test changes is undone before the next one.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            locales = {
                code: Locale.objects.get_or_create(language_code=code)[0] for code in ("sv", "en")
            }
            tree = build_site_tree(locales)
            data = build_corpus(tree)
            data["site_tree"] = tree
            yield data
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            reset_search_state()


def reset_search_state() -> None:
    """Forget in-memory facts and cached site data that a rolled-back test left behind."""
    facets._sheets.clear()
    cache.clear()


# --- Reading the search page --------------------------------------------------------------------


def search_url(language: str = "sv", **params) -> str:
    with translation.override(language):
        url = reverse("search:search")
    return url + ("?" + urlencode(params, doseq=True) if params else "")


def result_titles(response) -> list[str]:
    return [item.page.title for item in response.context["results"]]


def facet_counts(response) -> dict[str, dict[str, int]]:
    return {
        group.name: {option.value: option.count for option in group.options}
        for group in response.context["outcome"].facet_groups
    }
