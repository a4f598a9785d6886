"""sitemap.xml (both languages, with hreflang alternates) and robots.txt."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests import factories

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_entries(client) -> dict[str, dict[str, str]]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert root.tag == f"{SITEMAP}urlset"
    entries = {}
    for url in root.findall(f"{SITEMAP}url"):
        location = url.findtext(f"{SITEMAP}loc")
        assert location.startswith("http://localhost/")
        lastmod = url.findtext(f"{SITEMAP}lastmod")
        assert lastmod is None or len(lastmod) == 10  # optional; a date when given
        entries[location] = {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
    return entries


@pytest.mark.django_db
def test_sitemap_lists_every_public_page_in_both_languages(client, showcase):
    entries = sitemap_entries(client)
    for pages in (showcase.sv, showcase.en):
        for name, page in pages.items():
            assert page.full_url in entries, name
    assert any("/sv/" in url for url in entries)
    assert any("/en/" in url for url in entries)


@pytest.mark.django_db
def test_sitemap_lists_the_open_data_page_in_both_languages(client, showcase):
    entries = sitemap_entries(client)
    expected = {
        "sv": "http://localhost/sv/open-data/",
        "en": "http://localhost/en/open-data/",
        # Django's i18n sitemap: the address without a language, which picks one for the reader.
        "x-default": "http://localhost/open-data/",
    }
    assert entries["http://localhost/sv/open-data/"] == expected
    assert entries["http://localhost/en/open-data/"] == expected
    response = client.get("/open-data/", headers={"accept-language": "en"})
    assert response.status_code == 302
    assert response["Location"] == "/en/open-data/"


@pytest.mark.django_db
def test_sitemap_alternates_link_translations(client, showcase):
    response = client.get("/sitemap.xml").content.decode()
    # Published pages carry their date of last change.
    assert f"<loc>{showcase.sv['practice'].full_url}</loc><lastmod>" in response
    entries = sitemap_entries(client)
    sv, en = showcase.sv["practice"], showcase.en["practice"]
    expected = {"sv": sv.full_url, "en": en.full_url, "x-default": sv.full_url}
    assert entries[sv.full_url] == expected
    assert entries[en.full_url] == expected
    # A page without a translation has no alternates to announce.
    untranslated = factories.PracticePageFactory(parent=showcase.sv["municipality"], slug="ensam")
    assert sitemap_entries(client)[untranslated.full_url] == {}


@pytest.mark.django_db
def test_sitemap_leaves_out_drafts_and_private_pages(client, showcase):
    draft = factories.PracticePageFactory(
        parent=showcase.sv["municipality"], slug="utkast", live=False
    )
    private = factories.PracticePageFactory(parent=showcase.sv["municipality"], slug="intern")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    entries = sitemap_entries(client)
    assert not any(url.endswith("/utkast/") for url in entries)
    assert not any(url.endswith("/intern/") for url in entries)
    assert draft.pk and private.pk


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, showcase):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    # Nothing public is blocked: a Disallow of "/" or of a language would hide the site.
    disallowed = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Disallow")]
    assert disallowed == ["/admin/"]


def test_every_page_type_names_its_translations_in_the_sitemap():
    """Wagtail asks each page for its sitemap entries: a page type without the mixin would lose
    its hreflang alternates, so every page model of the project must have it."""
    from wagtail.models import get_page_models

    from core.page_mixins import SitemapAlternatesMixin

    ours = [m for m in get_page_models() if not m.__module__.startswith("wagtail.")]
    assert len(ours) >= 8
    assert [m.__name__ for m in ours if not issubclass(m, SitemapAlternatesMixin)] == []


@pytest.mark.django_db
def test_the_sitemap_costs_no_query_per_page(client, showcase):
    client.get("/sitemap.xml")  # warm the site lookup and caches
    with CaptureQueriesContext(connection) as few:
        client.get("/sitemap.xml")
    for number in range(10):
        factories.PracticePageFactory(parent=showcase.sv["municipality"], slug=f"fler-{number}")
    with CaptureQueriesContext(connection) as many:
        entries = sitemap_entries(client)
    assert sum(url.endswith("/fler-9/") for url in entries) == 1
    assert len(many.captured_queries) <= len(few.captured_queries) + 1


@pytest.mark.django_db
def test_a_page_asked_outside_a_sitemap_still_names_its_translations(rf, showcase):
    sv, en = showcase.sv["practice"], showcase.en["practice"]
    [entry] = sv.get_sitemap_urls(rf.get("/", HTTP_HOST="localhost"))
    assert entry["location"] == sv.full_url
    assert {alt["lang_code"]: alt["location"] for alt in entry["alternates"]} == {
        "sv": sv.full_url,
        "en": en.full_url,
        "x-default": sv.full_url,
    }
