"""Language prefixes, the root redirect, the language switcher, lang and hreflang."""

import re

import pytest

from tests import factories


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("sv-SE,sv;q=0.9", "/sv/"), ("en-GB,en;q=0.8", "/en/"), ("de-DE", "/sv/"), ("", "/sv/")],
)
def test_root_redirects_by_browser_language(client, site_tree, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
def test_lang_attribute_and_hreflang_alternates(client, site_tree):
    municipality = site_tree["municipality_sv"]
    sv = client.get(municipality.url).content.decode()
    en = client.get(site_tree["municipality_en"].url).content.decode()
    assert '<html lang="sv">' in sv
    assert '<html lang="en">' in en
    for html in (sv, en):
        assert re.search(r'<link rel="alternate" hreflang="sv" href="http://[^"]+/sv/', html)
        assert re.search(r'<link rel="alternate" hreflang="en" href="http://[^"]+/en/', html)


@pytest.mark.django_db
def test_language_switcher_leads_to_the_translation(client, site_tree, locales):
    practice = factories.PracticePageFactory(
        parent=site_tree["municipality_sv"], title="Språkcafé", slug="sprakcafe"
    )
    english = factories.translate(practice, locales["en"], title="Language café", slug="cafe")
    html = client.get(practice.url).content.decode()
    assert f'href="{english.url}" hreflang="en" lang="en"' in html
    back = client.get(english.url).content.decode()
    assert f'href="{practice.url}" hreflang="sv" lang="sv"' in back


@pytest.mark.django_db
def test_switcher_falls_back_to_home_without_translation(client, site_tree):
    practice = factories.PracticePageFactory(
        parent=site_tree["municipality_sv"], title="Bara svenska", slug="bara-svenska"
    )
    html = client.get(practice.url).content.decode()
    assert 'href="/en/" hreflang="en"' in html
    assert 'hreflang="en" href="http' not in html  # no alternate link to a missing page


@pytest.mark.django_db
def test_interface_strings_are_translated(client, site_tree):
    sv = client.get("/sv/").content.decode()
    en = client.get("/en/").content.decode()
    assert "Hoppa till huvudinnehållet" in sv
    assert "Skip to main content" in en


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/sv/finns-inte/", "/en/does-not-exist/", "/xx/"])
def test_unknown_urls_give_a_friendly_404(client, site_tree, path):
    response = client.get(path, follow=True)
    assert response.status_code == 404
    assert "<h1>" in response.content.decode()


@pytest.mark.django_db
def test_search_url_is_translated(client, site_tree):
    assert client.get("/sv/sok/").status_code == 200
    assert client.get("/en/search/").status_code == 200
