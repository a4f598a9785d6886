"""Atom and RSS feeds: parsed as XML, checked against the database, per language and scope."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from practices.models import PracticePage
from tests import factories

ATOM = "{http://www.w3.org/2005/Atom}"


def atom_entries(response) -> tuple[ET.Element, list[ET.Element]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert root.tag == f"{ATOM}feed"
    # What the Atom spec (RFC 4287) requires of a feed and of each entry.
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None, required
    return root, entries


def rss_items(response) -> tuple[ET.Element, list[ET.Element]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required), required
    items = channel.findall("item")
    for item in items:
        assert item.findtext("title") and item.findtext("link") and item.findtext("guid")
    return channel, items


def titles(entries: list[ET.Element], namespace: str = ATOM) -> list[str]:
    return [entry.findtext(f"{namespace}title") for entry in entries]


@pytest.mark.django_db
def test_all_practices_atom_in_swedish(client, showcase):
    root, entries = atom_entries(client.get("/sv/feeds/practices.atom"))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "sv"
    expected = list(
        PracticePage.objects.live()
        .filter(locale__language_code="sv")
        .order_by("-first_published_at", "-pk")
        .values_list("title", flat=True)
    )
    assert titles(entries) == expected
    practice = showcase.sv["practice"]
    entry = next(e for e in entries if e.findtext(f"{ATOM}title") == practice.title)
    assert entry.find(f"{ATOM}link").get("href") == practice.full_url
    # The summary is plain text in a type="html" element, so it arrives HTML-escaped.
    assert entry.findtext(f"{ATOM}summary") == escape(practice.summary)
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Hylte"
    categories = {c.get("term") for c in entry.findall(f"{ATOM}category")}
    assert categories == {"Nyanlända", "Barn och unga", "Mötesplats"}
    self_link = root.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link.endswith("/sv/feeds/practices.atom")


@pytest.mark.django_db
def test_all_practices_rss_in_english(client, showcase):
    channel, items = rss_items(client.get("/en/feeds/practices.rss"))
    assert channel.findtext("language") == "en"
    assert titles(items, "") == ["Language café in Hylte"]
    item = items[0]
    assert item.findtext("link") == showcase.en["practice"].full_url
    assert {c.text for c in item.findall("category")} == {
        "Newcomers",
        "Children",
        "Meeting place",
    }


@pytest.mark.django_db
def test_theme_feed_lists_curated_and_matching_practices(client, showcase):
    _root, entries = atom_entries(client.get("/sv/feeds/themes/motesplatser.atom"))
    matching = set(
        PracticePage.objects.live()
        .filter(locale__language_code="sv", target_groups__slug="barn")
        .values_list("title", flat=True)
    )
    assert set(titles(entries)) == matching | {showcase.sv["practice"].title}
    _channel, items = rss_items(client.get("/en/feeds/themes/meeting-places.rss"))
    assert titles(items, "") == ["Language café in Hylte"]


@pytest.mark.django_db
def test_municipality_feed_includes_joint_practices(client, showcase):
    # Söderhamn (2182) owns one extra practice and takes part in Hylte's language café.
    _root, entries = atom_entries(client.get("/sv/feeds/municipalities/2182.atom"))
    owned = set(
        PracticePage.objects.live()
        .filter(locale__language_code="sv", municipality__code="2182")
        .values_list("title", flat=True)
    )
    assert owned
    assert set(titles(entries)) == owned | {showcase.sv["practice"].title}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/sv/feeds/target-groups/nyanlanda.atom", ["Språkcafé i Hylte"]),
        ("/en/feeds/target-groups/nyanlanda.atom", ["Language café in Hylte"]),
        ("/sv/feeds/approaches/motesplats.atom", ["Språkcafé i Hylte"]),
    ],
)
def test_taxonomy_feeds(client, showcase, url, expected):
    _root, entries = atom_entries(client.get(url))
    assert titles(entries) == expected


@pytest.mark.django_db
def test_drafts_never_appear(client, showcase):
    factories.PracticePageFactory(
        parent=showcase.sv["municipality"], title="Hemligt utkast", live=False
    )
    for url in ("/sv/feeds/practices.atom", "/sv/feeds/municipalities/1315.rss"):
        assert "Hemligt utkast" not in client.get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/sv/feeds/practices.xml",
        "/sv/feeds/practices.atom/",
        "/sv/feeds/themes/finns-inte.atom",
        "/sv/feeds/themes/meeting-places.atom",  # the English slug under /sv/
        "/sv/feeds/municipalities/9999.rss",
        "/sv/feeds/municipalities/13a5.rss",
        "/sv/feeds/target-groups/%3Cscript%3E.atom",
        "/sv/feeds/approaches/" + "a" * 300 + ".rss",
        "/xx/feeds/practices.atom",
    ],
)
def test_bad_feed_urls_give_404(client, showcase, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_feed_queries_do_not_grow_with_the_number_of_practices(client, showcase):
    def count() -> int:
        client.get("/sv/feeds/practices.rss")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sv/feeds/practices.rss").status_code == 200
        return len(queries)

    few = count()
    for number in range(5):
        practice = factories.PracticePageFactory(
            parent=showcase.sv["municipality"], title=f"Fler {number}"
        )
        practice.target_groups.set([showcase.terms["children"]])
    assert count() == few
