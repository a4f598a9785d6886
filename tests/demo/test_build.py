"""The demo loader (demo/build.py): a complete bilingual site from one command, and a second run
changes nothing.

The demo is built once for this module (tests/demo/conftest.py); the demo practices, their
data files and their corrections: test_practices.py.
"""

import io
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils.html import escape
from taggit.models import Tag
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Revision, Site

from core.blocks import BodyStreamBlock
from core.models import HomePage, SiteSettings, StandardPage
from demo.build import DEMO_ACCOUNTS, DEMO_MUNICIPALITY_SLUGS, build_demo
from demo.canonical import canonical_rich_text, canonical_stream
from demo.standard_pages import DIGG_COMPLAINT_URL
from municipalities.models import ContactPerson, MunicipalityPage
from practices.models import Approach, PracticePage, TargetGroup, ThemePage

pytestmark = pytest.mark.usefixtures("demo")


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
