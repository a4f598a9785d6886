"""The demo loader: a complete bilingual site from one command, and a second run changes nothing.

Building the demo takes a few seconds, so it is built once for this module inside a
transaction that is rolled back afterwards; every test still runs in its own savepoint.
"""

import io
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings
from django.utils.html import escape
from taggit.models import Tag
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Revision, Site

from core.blocks import BodyStreamBlock
from core.models import HomePage, SiteSettings, StandardPage
from demo.build import DEMO_ACCOUNTS, DEMO_MUNICIPALITY_SLUGS, build_demo
from demo.canonical import canonical_rich_text, canonical_stream
from demo.practices import load_specs
from demo.standard_pages import DIGG_COMPLAINT_URL
from municipalities.models import ContactPerson, MunicipalityPage
from practices.models import (
    Approach,
    EvidenceLevel,
    PracticePage,
    PracticeStatus,
    TargetGroup,
    ThemePage,
)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):
            summary = build_demo(stdout=io.StringIO())
        # Wagtail caches the site's root paths; neither this module nor the next may see stale ones.
        cache.clear()
        yield summary
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def locales(demo) -> dict[str, Locale]:
    """The demo's locales (overrides the shared fixture, which would create them itself)."""
    return {code: Locale.objects.get(language_code=code) for code in ("sv", "en")}


def _counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "target_groups": TargetGroup.objects.count(),
        "approaches": Approach.objects.count(),
        "contacts": ContactPerson.objects.count(),
        "images": get_image_model().objects.count(),
        "collections": Collection.objects.count(),
        "tags": Tag.objects.count(),
        "users": get_user_model().objects.count(),
    }


def _stream_text(page) -> str:
    """The raw text of a page's body, rich-text markup included (for links)."""
    return str(page.body.raw_data)


@pytest.mark.django_db
def test_the_first_run_reports_what_it_created(demo):
    created = demo["created"]
    # 22 pages in each language: home, 3 indexes, 3 standard pages, 5 municipalities,
    # 6 practices and 4 themes.
    assert created["pages"] == 44
    assert created["images"] == 7
    assert created["users"] == len(DEMO_ACCOUNTS)
    assert created["snippets"] > 0


@pytest.mark.django_db
def test_the_site_root_is_the_swedish_home_page_with_an_english_translation(locales):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.locale == locales["sv"]
    english = home.get_translation(locales["en"])
    assert english.live
    # Wagtail's "Welcome to your new Wagtail site!" page is gone.
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    menu = [p.title for p in english.get_children().live().in_menu()]
    assert menu == ["Good practices", "Municipalities", "Themes", "About Lärplattformen"]


@pytest.mark.django_db
def test_every_demo_municipality_is_live_in_swedish_and_english(locales):
    assert len(DEMO_MUNICIPALITY_SLUGS) == 5
    for slug in DEMO_MUNICIPALITY_SLUGS:
        swedish = MunicipalityPage.objects.get(locale=locales["sv"], slug=slug)
        english = swedish.get_translation(locales["en"])
        assert swedish.live and english.live
        assert swedish.code[:2] == swedish.county
        assert english.title != swedish.title
        assert ContactPerson.objects.filter(municipality=swedish).exists()
    codes = set(MunicipalityPage.objects.values_list("code", flat=True))
    assert codes == {"2280", "2284", "2182", "1315", "0180"}


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


@pytest.mark.django_db
def test_themes_exist_in_both_languages_with_curated_practices_in_their_language(locales):
    swedish_themes = ThemePage.objects.live().filter(locale=locales["sv"])
    assert swedish_themes.count() >= 3
    for swedish in swedish_themes:
        english = swedish.get_translation(locales["en"]).specific
        assert english.live
        for theme in (swedish, english):
            curated = theme.curated()
            assert curated
            assert {p.locale_id for p in curated} == {theme.locale_id}
            assert theme.approaches.exists()
            assert {a.locale_id for a in theme.approaches.all()} == {theme.locale_id}


@pytest.mark.django_db
def test_each_home_page_features_practices_in_its_own_language(locales):
    for home in HomePage.objects.all():
        featured = [link.practice for link in home.featured_practices.all()]
        assert featured
        assert {p.locale_id for p in featured} == {home.locale_id}


@pytest.mark.django_db
def test_site_settings_point_at_the_accessibility_statement_and_privacy_page(locales):
    site_settings = SiteSettings.load()
    assert site_settings.contact_email
    assert site_settings.accessibility_page.slug == "tillganglighetsredogorelse"
    assert site_settings.privacy_page.locale == locales["sv"]
    english = site_settings.accessibility_page.get_translation(locales["en"])
    assert english.slug == "accessibility-statement"


@pytest.mark.django_db
def test_the_accessibility_statement_has_what_digg_requires(locales):
    email = SiteSettings.load().contact_email
    swedish = StandardPage.objects.get(locale=locales["sv"], slug="tillganglighetsredogorelse")
    english = swedish.get_translation(locales["en"]).specific
    for page, words in (
        (swedish, ["delvis förenlig", "självskattning", "axe-core", "tangentbord", "WCAG"]),
        (english, ["partially compliant", "self-assessment", "axe-core", "keyboard", "WCAG"]),
    ):
        text = _stream_text(page)
        assert f'href="{DIGG_COMPLAINT_URL}"' in text
        assert f'href="mailto:{email}"' in text
        for word in words:
            assert word in text, f"{page.url_path} does not mention {word!r}"


@pytest.mark.django_db
def test_every_body_stream_is_valid_including_its_heading_outline():
    """The loader bypasses the admin's form validation, so validate the streams here."""
    block = BodyStreamBlock()
    pages = [*StandardPage.objects.all(), *PracticePage.objects.all()]
    assert len(pages) == 18
    for page in pages:
        if page.body:  # the field may be empty (blank=True); a StreamBlock alone refuses that
            block.clean(page.body)  # raises on a skipped heading level or a broken block


@pytest.mark.django_db
def test_demo_images_have_swedish_descriptions_and_are_small(demo):
    images = get_image_model().objects.filter(collection__name="Demo")
    assert images.count() == 7
    for image in images:
        assert image.description, f"{image.title} has no alt text"
        assert image.file_size < 60_000
        assert (image.width, image.height) == (1200, 675)


@pytest.mark.django_db
def test_demo_accounts_exist_with_names_and_the_demo_password(demo, settings):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=DEMO_ACCOUNTS)}
    expected = {"admin", "projektledare", "oversattare", "harnosand-publicerare"} | {
        f"{slug}-redaktor" for slug in DEMO_MUNICIPALITY_SLUGS
    }
    assert set(users) == expected
    assert users["admin"].is_superuser and users["admin"].is_staff
    assert not users["hylte-redaktor"].is_staff
    for user in users.values():
        assert user.first_name and user.last_name and user.email
        assert user.check_password(settings.DEMO_PASSWORD)


@pytest.mark.django_db
def test_a_second_run_creates_nothing_and_is_quick(demo):
    before = _counts()
    output = io.StringIO()
    started = time.monotonic()
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=output)
    elapsed = time.monotonic() - started
    assert _counts() == before
    assert "Created: 0 pages, 0 snippets, 0 images, 0 users." in output.getvalue()
    assert elapsed < 5


@pytest.mark.django_db
def test_accounts_are_skipped_with_a_warning_when_debug_is_off(demo, settings):
    assert settings.DEBUG is False
    get_user_model().objects.filter(username__in=DEMO_ACCOUNTS).delete()
    output = io.StringIO()
    summary = build_demo(stdout=output)
    assert summary["accounts"] == "skipped"
    assert "Warning: DEBUG is off" in output.getvalue()
    assert not get_user_model().objects.filter(username__in=DEMO_ACCOUNTS).exists()


@pytest.mark.django_db
def test_forcing_accounts_with_debug_off_is_refused_before_anything_is_built(settings):
    assert settings.DEBUG is False
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", "--accounts", stdout=io.StringIO())
    assert Page.objects.count() == pages


@pytest.mark.django_db
def test_no_accounts_option_builds_content_without_accounts(demo):
    get_user_model().objects.filter(username__in=DEMO_ACCOUNTS).delete()
    output = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("load_demo", "--no-accounts", stdout=output)
    assert "Demo accounts: skipped." in output.getvalue()
    assert not get_user_model().objects.filter(username__in=DEMO_ACCOUNTS).exists()


@pytest.mark.django_db
def test_every_demo_page_renders_in_both_languages(client, locales):
    rendered = set()
    for page in Page.objects.filter(depth__gt=1).live().specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert escape(page.title) in response.content.decode(), page.url
        rendered.add((type(page).__name__, page.locale_id))
    # Among them the practice pages, in Swedish and in English.
    assert {("PracticePage", locales["sv"].pk), ("PracticePage", locales["en"].pk)} <= rendered


@pytest.mark.django_db
def test_the_english_home_links_to_its_sections(client):
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    for href in ("/en/good-practices/", "/en/municipalities/", "/en/themes/", "/en/about/"):
        assert f'href="{href}"' in html


@pytest.mark.django_db
def test_load_demo_opens_a_call_for_practices_shown_on_the_home_page(demo, client):
    from learning.models import CallForPractices

    with override_settings(DEBUG=True):
        call_command("load_demo", "--no-accounts", stdout=io.StringIO())
    calls = CallForPractices.objects.open_on()
    assert {call.locale.language_code for call in calls} == {"sv", "en"}
    home = client.get("/sv/")
    assert escape(calls.get(locale__language_code="sv").title) in home.content.decode()


# --- The demo practices: data files, sources, examples, and keeping older databases current ---

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


@pytest.mark.django_db
def test_demo_content_is_stored_as_the_page_editor_saves_it(demo):
    """Opening a demo page in the editor must not rewrite it (a phantom draft, issue 12)."""
    checked = 0
    for page in Page.objects.filter(depth__gt=1).specific():
        for field in type(page)._meta.get_fields():
            value = getattr(page, field.name, None)
            if isinstance(field, RichTextField) and value:
                assert canonical_rich_text(value, field.features, field.editor) == value, (
                    page.url_path,
                    field.name,
                )
                checked += 1
            elif isinstance(field, StreamField) and value:
                raw = field.stream_block.get_prep_value(value)
                assert all(block.get("id") for block in value.raw_data), (page.url_path, field)
                assert canonical_stream(field.stream_block, raw) == raw, (page.url_path, field)
                checked += 1
    assert checked > 100
