"""The demo practices (demo/practices.py): in every municipality and language, with sources,
example notices and example contacts; their data files name only fields of the practice record;
a second run corrects what an older loader left and leaves admin edits alone unless asked.

The demo is built once for this module (tests/demo/conftest.py).
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.utils.html import escape
from wagtail.models import Page, Revision

from demo.build import DEMO_MUNICIPALITY_SLUGS, build_demo
from demo.practices import load_specs
from municipalities.models import MunicipalityPage
from practices.models import EvidenceLevel, PracticePage, PracticeStatus

pytestmark = pytest.mark.usefixtures("demo")


@pytest.mark.django_db
def test_every_municipality_has_a_sourced_practice_in_each_language(locales):
    # Fields a source is silent on stay empty (the page says "Not reported", see
    # test_demo_content.py); what every practice has is a lead, what was done and a source.
    for slug in DEMO_MUNICIPALITY_SLUGS:
        swedish_municipality = MunicipalityPage.objects.get(locale=locales["sv"], slug=slug)
        for municipality in swedish_municipality.get_translations(inclusive=True):
            practices = PracticePage.objects.live().child_of(municipality)
            assert practices.exists(), f"no practice under {municipality.url_path}"
            for practice in practices:
                for field in ("summary", "challenge", "what_was_done", "sources"):
                    assert getattr(practice, field), f"{practice.url_path}: {field} is empty"
                assert practice.municipality_id == municipality.pk
                assert practice.hero_image is not None
                assert practice.contact_links.exists()
                assert practice.tags.exists()
                groups = list(practice.target_groups.all())
                approaches = list(practice.approaches.all())
                assert groups and approaches
                # Each language's listings and filters use that language's terms.
                assert {term.locale_id for term in groups + approaches} == {practice.locale_id}


@pytest.mark.django_db
def test_a_practice_adapted_from_another_shows_its_lineage_in_both_languages(locales):
    for locale in locales.values():
        adapted = PracticePage.objects.filter(locale=locale, adapted_from__isnull=False)
        assert adapted.exists()
        for practice in adapted:
            assert practice.adapted_from.locale_id == locale.pk
            assert practice.adaptation_notes


# The comparable sections of the record; each shows its content or "Not reported".
RECORD_SECTIONS = (
    "challenge",
    "what_was_done",
    "lessons_learned",
    "what_did_not_work",
    "transferability",
    "resources_needed",
    "scale_notes",
)


@pytest.mark.django_db
def test_every_demo_practice_has_a_source_an_example_notice_and_example_contacts(locales):
    practices = list(PracticePage.objects.all())
    assert len(practices) == 2 * len(load_specs())
    for practice in practices:
        assert len(practice.sources) >= 1, f"{practice.url_path} has no source"
        for source in practice.sources:
            assert source.value["title"] and source.value["supports"], practice.url_path
        assert practice.example_notice, f"{practice.url_path} does not say what is an example"
        contacts = practice.contact_persons()
        assert contacts and all(contact.is_example for contact in contacts)
        assert all(contact.email.endswith(".example") for contact in contacts)


@pytest.mark.django_db  # the module's demo fixture: ordered with the other database tests
def test_the_data_files_name_only_fields_of_the_practice_record():
    record = {field.name for field in PracticePage._meta.get_fields()}
    specs = load_specs()
    assert len(specs) == 6
    for key, spec in specs.items():
        for language in ("sv", "en"):
            unknown = set(spec[language]) - record - {"slug"}
            assert not unknown, f"{key}.{language}: {unknown} are not fields of a practice"
        assert set(spec["shared"]) - record == {"image"}, key
        assert spec["shared"]["status"] in PracticeStatus.values
        assert spec["shared"]["evidence_level"] in EvidenceLevel.values
        # Both languages cite the same sources, in the same order.
        assert [(s["date"], s["url"]) for s in spec["sv"]["sources"]] == [
            (s["date"], s["url"]) for s in spec["en"]["sources"]
        ], key


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "not_reported", "example_contact", "sources_heading"),
    [
        ("sv", "Uppgift saknas i underlaget", "exempelkontakt, inte en verklig person", "Källor"),
        ("en", "Not reported", "example contact, not a real person", "Sources"),
    ],
)
def test_a_demo_practice_shows_its_gaps_examples_and_sources(
    client, locales, language, not_reported, example_contact, sources_heading
):
    practices = PracticePage.objects.live().filter(locale=locales[language])
    for practice in practices:
        html = client.get(practice.url).content.decode()
        empty = [name for name in RECORD_SECTIONS if not getattr(practice, name)]
        empty += [name for name in ("funding", "partners") if not getattr(practice, name)]
        assert html.count(not_reported) >= len(empty), (practice.url_path, empty)
        assert escape(practice.example_notice) in html
        assert example_contact in html
        assert f'<h2 id="sources-heading">{sources_heading}</h2>' in html
        for source in practice.sources:
            assert escape(source.value["title"]) in html
    # At least one practice leaves some sections empty: the sources are silent on them.
    assert any(not getattr(practice, name) for practice in practices for name in RECORD_SECTIONS)


@pytest.mark.django_db
def test_load_demo_corrects_an_older_demo_without_duplicating_pages(locales):
    swedish = PracticePage.objects.get(locale=locales["sv"], slug="infodiskar-i-genomgangsbostader")
    english = swedish.get_translation(locales["en"]).specific
    # As an older version of the loader left it: another slug, invented texts, no sources.
    swedish.slug = "infodiskar-i-etableringsboenden"
    swedish.what_did_not_work = "<p>Ett påhittat misslyckande.</p>"
    swedish.evidence_level = EvidenceLevel.EXTERNAL
    swedish.sources = []
    swedish.save()
    swedish.save_revision().publish()
    english.what_did_not_work = "<p>An invented failure.</p>"
    english.save_revision().publish()
    pages, revisions = Page.objects.count(), Revision.objects.count()

    build_demo(stdout=io.StringIO(), accounts=False)

    swedish = PracticePage.objects.get(pk=swedish.pk)
    english = PracticePage.objects.get(pk=english.pk)
    assert swedish.slug == "infodiskar-i-genomgangsbostader"
    assert swedish.what_did_not_work == english.what_did_not_work == ""
    assert swedish.evidence_level == english.evidence_level == EvidenceLevel.INTERNAL
    assert len(swedish.sources) == len(english.sources) == 1
    assert swedish.live and english.live and not swedish.has_unpublished_changes
    assert Page.objects.count() == pages
    assert Revision.objects.count() == revisions + 2  # one per corrected page

    build_demo(stdout=io.StringIO(), accounts=False)
    assert Revision.objects.count() == revisions + 2


@pytest.mark.django_db
def test_a_demo_page_saved_in_the_admin_is_left_alone_unless_asked(locales):
    editor = get_user_model().objects.create(username="someone-in-the-admin")
    practice = PracticePage.objects.get(locale=locales["sv"], slug="lokalen")
    practice.results = "<p>Ändrat av en redaktör.</p>"
    practice.save_revision(user=editor).publish()

    output = io.StringIO()
    build_demo(stdout=output, accounts=False)
    assert PracticePage.objects.get(pk=practice.pk).results == "<p>Ändrat av en redaktör.</p>"
    assert f"Left alone: {practice.url_path}" in output.getvalue()

    build_demo(stdout=io.StringIO(), accounts=False, update_edited=True)
    assert "Ändrat av en redaktör" not in PracticePage.objects.get(pk=practice.pk).results
