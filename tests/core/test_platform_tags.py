"""What every public page tells crawlers, feed readers and link previews in its <head>."""

from html.parser import HTMLParser

import pytest

from core.models import SiteSettings, StandardPage
from practices.models.index_pages import PRACTICES_PER_PAGE
from tests import factories


class HeadParser(HTMLParser):
    """Collects <link> and <meta> tags, and the links of the footer."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict] = []
        self.meta: dict[str, list[str]] = {}
        self.in_footer = False
        self.footer_links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "link":
            self.links.append(attributes)
        elif tag == "meta":
            key = attributes.get("property") or attributes.get("name")
            if key:
                self.meta.setdefault(key, []).append(attributes.get("content", ""))
        elif tag == "footer":
            self.in_footer = True
        elif tag == "a" and self.in_footer:
            self.footer_links.append(attributes.get("href", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "footer":
            self.in_footer = False

    def rel(self, rel: str, **match: str) -> list[dict]:
        return [
            link
            for link in self.links
            if link.get("rel") == rel and all(link.get(k) == v for k, v in match.items())
        ]


def parse(response) -> HeadParser:
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


@pytest.mark.django_db
def test_every_page_type_renders_in_both_languages(client, showcase):
    for language in ("sv", "en"):
        for name, url in showcase.urls(language).items():
            response = client.get(url)
            expected = 404 if name == "not_found" else 200
            assert response.status_code == expected, (url, response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sv", "en"])
def test_canonical_open_graph_and_twitter_card(client, showcase, language):
    pages = showcase.sv if language == "sv" else showcase.en
    for name, page in pages.items():
        head = parse(client.get(page.url))
        canonical = head.rel("canonical")
        assert [link["href"] for link in canonical] == [page.full_url], name
        assert head.meta["og:url"] == [page.full_url]
        assert head.meta["og:title"] == [page.seo_title or page.title]
        assert head.meta["og:locale"] == ["sv_SE" if language == "sv" else "en_GB"]
        assert head.meta["og:site_name"] == ["Lärplattformen"]
        assert head.meta["og:description"][0]
        assert head.meta["og:image"][0].startswith("http://localhost/")
        assert head.meta["og:image:alt"][0]
        assert head.meta["twitter:card"] == ["summary_large_image"]
        expected_type = "article" if name == "practice" else "website"
        assert head.meta["og:type"] == [expected_type], name


@pytest.mark.django_db
def test_practice_preview_uses_its_hero_image(client, showcase):
    head = parse(client.get(showcase.sv["practice"].url))
    image = head.meta["og:image"][0]
    assert "fill-1200x630" in image and image.endswith(".jpg")
    # 1.91:1 as previews expect; the small test image is cropped, never upscaled.
    width, height = int(head.meta["og:image:width"][0]), int(head.meta["og:image:height"][0])
    assert width <= 1200 and abs(width / height - 1200 / 630) < 0.01
    assert head.meta["og:image:alt"] == [showcase.image.description]
    assert client.get(image.removeprefix("http://localhost")).status_code in (200, 404)


@pytest.mark.django_db
def test_hreflang_alternates_point_at_each_translation(client, showcase):
    for name in ("home", "practice", "theme", "standard"):
        sv, en = showcase.sv[name], showcase.en[name]
        for page in (sv, en):
            head = parse(client.get(page.url))
            alternates = {
                link["hreflang"]: link["href"]
                for link in head.rel("alternate")
                if "hreflang" in link
            }
            assert alternates == {
                "sv": sv.full_url,
                "en": en.full_url,
                "x-default": sv.full_url,
            }, name


@pytest.mark.django_db
def test_filtered_listings_are_canonicalised_to_the_plain_listing(client, showcase):
    index = showcase.sv["practice_index"]
    filtered = parse(client.get(index.url + "?target_group=barn"))
    assert filtered.rel("canonical")[0]["href"] == index.full_url


@pytest.mark.django_db
def test_later_pages_of_a_listing_keep_their_own_canonical(client, showcase):
    for number in range(PRACTICES_PER_PAGE):
        factories.PracticePageFactory(parent=showcase.sv["municipality"], title=f"Sida {number}")
    index = showcase.sv["practice_index"]
    second = parse(client.get(index.url + "?page=2"))
    assert second.rel("canonical")[0]["href"] == index.full_url + "?page=2"
    rubbish = parse(client.get(index.url + "?page=abc"))
    assert rubbish.rel("canonical")[0]["href"] == index.full_url


@pytest.mark.django_db
def test_feed_autodiscovery_on_every_page(client, showcase):
    for language in ("sv", "en"):
        for name, url in showcase.urls(language).items():
            head = parse(client.get(url))
            atom = head.rel("alternate", type="application/atom+xml")
            rss = head.rel("alternate", type="application/rss+xml")
            assert atom and rss, (name, language)
            assert all(link.get("title") for link in atom + rss)
            assert any(
                link["href"].endswith(f"/{language}/feeds/practices.atom") for link in atom
            ), name


@pytest.mark.django_db
def test_theme_municipality_and_filtered_index_announce_their_own_feed(client, showcase):
    theme = parse(client.get(showcase.sv["theme"].url))
    assert theme.rel("alternate", type="application/atom+xml")[0]["href"].endswith(
        "/sv/feeds/themes/motesplatser.atom"
    )
    municipality = parse(client.get(showcase.en["municipality"].url))
    assert municipality.rel("alternate", type="application/rss+xml")[0]["href"].endswith(
        "/en/feeds/municipalities/1315.rss"
    )
    index = parse(client.get(showcase.sv["practice_index"].url + "?target_group=barn"))
    assert index.rel("alternate", type="application/atom+xml")[0]["href"].endswith(
        "/sv/feeds/target-groups/barn.atom"
    )
    for parser in (theme, municipality, index):
        for link in parser.rel("alternate"):
            if link.get("type", "").endswith("+xml"):
                path = link["href"].removeprefix("http://localhost")
                assert client.get(path).status_code == 200, path


@pytest.mark.django_db
def test_footer_links_the_accessibility_statement_in_the_visitors_language(client, showcase):
    for language in ("sv", "en"):
        statement = showcase.sv["standard"] if language == "sv" else showcase.en["standard"]
        for name, url in showcase.urls(language).items():
            footer = parse(client.get(url)).footer_links
            assert statement.url in footer, (name, language, footer)


@pytest.mark.django_db
def test_footer_survives_an_unpublished_statement(client, showcase):
    url = showcase.sv["standard"].url
    for page in (showcase.sv["standard"], showcase.en["standard"]):
        StandardPage.objects.get(pk=page.pk).unpublish()
    response = client.get("/sv/")
    assert response.status_code == 200
    assert SiteSettings.load().accessibility_page_id is not None
    assert url not in parse(response).footer_links


@pytest.mark.django_db
def test_practice_index_links_the_open_data_and_feeds(client, showcase):
    html = client.get(showcase.sv["practice_index"].url + "?county=13").content.decode()
    assert 'href="/sv/open-data/practices.csv?county=13"' in html
    assert 'href="/sv/open-data/practices.json?county=13"' in html
    assert "CC BY 4.0" in html
    assert 'href="/sv/open-data/"' in html
    assert "/sv/feeds/practices.atom" in html
