"""The adaptation trail: family trees over several generations, and cycles refused."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from learning.lineage import build_family_tree
from practices.models import PracticePage
from tests import factories
from tests.learning.learning_helpers import second_municipality


class TreeParser(HTMLParser):
    """Reads the family tree section: (depth, text, is_current, is_link) per list item."""

    def __init__(self) -> None:
        super().__init__()
        self.in_tree = False
        self.depth = 0
        self.items: list[dict] = []
        self._current: dict | None = None
        self._capture = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ul" and "learning-tree" in (attrs.get("class") or ""):
            self.in_tree = True
        if not self.in_tree:
            return
        if tag == "ul":
            self.depth += 1
        elif tag == "li":
            self._current = {"depth": self.depth, "text": "", "current": False, "link": False}
            self.items.append(self._current)
        elif tag in ("a", "span", "strong") and self._current is not None:
            if attrs.get("aria-current") == "page":
                self._current["current"] = True
            if tag == "a":
                self._current["link"] = True
            self._capture += 1

    def handle_endtag(self, tag):
        if not self.in_tree:
            return
        if tag == "ul":
            self.depth -= 1
            if self.depth == 0:
                self.in_tree = False
        elif tag in ("a", "span", "strong") and self._capture:
            self._capture -= 1
        elif tag == "li":
            self._current = None

    def handle_data(self, data):
        if self.in_tree and self._current is not None and self._capture and data.strip():
            if not self._current["text"]:
                self._current["text"] = data.strip()


def tree_items(html: str) -> list[dict]:
    parser = TreeParser()
    parser.feed(html)
    return parser.items


@pytest.fixture
def family(site_tree):
    """original → first → second → third, and original → sibling, across two municipalities."""
    hylte = site_tree["municipality_sv"]
    falkenberg = second_municipality(site_tree)
    original = factories.PracticePageFactory(parent=hylte, title="Originalet")
    first = factories.PracticePageFactory(
        parent=falkenberg, title="Första anpassningen", adapted_from=original
    )
    sibling = factories.PracticePageFactory(
        parent=falkenberg, title="Syskonet", adapted_from=original
    )
    second = factories.PracticePageFactory(
        parent=hylte, title="Andra generationen", adapted_from=first
    )
    third = factories.PracticePageFactory(
        parent=falkenberg, title="Tredje generationen", adapted_from=second
    )
    return {
        "original": original,
        "first": first,
        "sibling": sibling,
        "second": second,
        "third": third,
    }


@pytest.mark.django_db
def test_tree_spans_four_generations_from_any_member(family):
    tree = build_family_tree(family["second"])
    assert tree is not None
    assert tree.size == 5
    assert tree.generations == 4
    root = tree.root
    assert root.page.pk == family["original"].pk
    assert [c.page.title for c in root.children] == ["Första anpassningen", "Syskonet"]
    first = root.children[0]
    assert [c.page.pk for c in first.children] == [family["second"].pk]
    assert first.children[0].is_current
    assert [c.page.pk for c in first.children[0].children] == [family["third"].pk]
    # The same tree, whichever member asks.
    assert build_family_tree(family["third"]).root.page.pk == family["original"].pk
    assert build_family_tree(family["original"]).size == 5


@pytest.mark.django_db
def test_tree_renders_as_nested_list_with_current_page_marked(client, family):
    html = client.get(family["second"].url).content.decode()
    items = tree_items(html)
    assert [(i["depth"], i["text"]) for i in items] == [
        (1, "Originalet"),
        (2, "Första anpassningen"),
        (3, "Andra generationen"),
        (4, "Tredje generationen"),
        (2, "Syskonet"),
    ]
    current = [i for i in items if i["current"]]
    assert [i["text"] for i in current] == ["Andra generationen"]
    assert not current[0]["link"]
    assert all(i["link"] for i in items if not i["current"])
    assert 'aria-labelledby="family-tree-heading"' in html


@pytest.mark.django_db
def test_practice_without_relatives_has_no_tree(client, practice):
    assert build_family_tree(practice) is None
    assert "family-tree-heading" not in client.get(practice.url).content.decode()


@pytest.mark.django_db
def test_unpublished_members_are_hidden_or_anonymous(client, family):
    family["sibling"].unpublish()
    family["first"].unpublish()
    html = client.get(family["third"].url).content.decode()
    texts = [i["text"] for i in tree_items(html)]
    # The draft sibling disappears; the unpublished link of the chain stays, without its title.
    assert "Syskonet" not in texts
    assert "Första anpassningen" not in html
    assert len(texts) == 4


@pytest.mark.django_db
def test_direct_and_indirect_cycles_are_refused(family):
    original = family["original"]
    original.adapted_from = original
    with pytest.raises(ValidationError) as error:
        original.full_clean()
    assert "adapted_from" in error.value.message_dict

    original.adapted_from = family["third"]  # third → second → first → original
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            original.full_clean()
        assert "cycle" in " ".join(error.value.message_dict["adapted_from"])

    # Not a cycle: a cousin may be adapted from another branch (fresh objects from the
    # database, as the admin would have).
    sibling = PracticePage.objects.get(pk=family["sibling"].pk)
    sibling.adapted_from = PracticePage.objects.get(pk=family["third"].pk)
    sibling.full_clean()


@pytest.mark.django_db
def test_cycle_through_a_translation_is_refused(site_tree, family, locales):
    falkenberg = family["first"].get_parent().specific
    factories.translate(falkenberg, locales["en"])
    original_en = factories.translate(family["original"], locales["en"], slug="original-en")
    first_en = factories.translate(family["first"], locales["en"], slug="first-en")
    assert first_en.adapted_from_id == original_en.pk  # remapped to English on save
    original = family["original"]
    original.adapted_from = first_en  # the English copy of its own adaptation
    with pytest.raises(ValidationError):
        original.full_clean()


@pytest.mark.django_db
def test_tree_stops_at_a_cycle_already_in_the_database(family):
    # Data written around validation (a raw update) must not hang the page.
    PracticePage.objects.filter(pk=family["original"].pk).update(adapted_from=family["third"])
    third = PracticePage.objects.get(pk=family["third"].pk)
    tree = build_family_tree(third)
    assert tree is not None
    assert tree.size <= 5


def tree_lines(html: str) -> list[str]:
    """Each family member's line as read: its own text, without the nested list below it."""
    import re

    tree = html[html.index('<ul class="learning-tree">') :]
    lines = []
    for item in tree.split("<li>")[1:]:
        own = re.split(r"<ul|</li>", item)[0]
        lines.append(" ".join(re.sub(r"<[^>]+>", "", own).split()))
        if "</section>" in item:
            break
    return lines


@pytest.mark.django_db
def test_tree_lines_read_naturally_in_swedish_and_english(client, family):
    html = client.get(family["original"].url).content.decode()
    assert tree_lines(html)[:2] == [
        "Originalet: Originalet (Hylte) – sidan du läser nu",
        "Första anpassningen (Falkenberg)",
    ]
    html = client.get(family["third"].url).content.decode()
    assert tree_lines(html)[0] == "Originalet: Originalet (Hylte)"
    assert "Tredje generationen (Falkenberg) – sidan du läser nu" in tree_lines(html)
    # The same template in English (the strings, not the pages, are what is translated).
    from django.template.loader import render_to_string

    tree = build_family_tree(family["original"])
    with translation.override("en"):
        english = render_to_string(
            "learning/family_tree_node.html", {"node": tree.root, "is_root": True}
        )
    line = tree_lines('<ul class="learning-tree">' + english)[0]
    assert line == "The original: Originalet (Hylte) – the page you are reading"
