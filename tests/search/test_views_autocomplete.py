"""Autocomplete: the JSON endpoint and the small script that uses it."""

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from search import views
from search.backends.database.backend import SearchBackendUnavailable

SCRIPT = Path(__file__).resolve().parents[2] / "search" / "static" / "search" / "autocomplete.js"


# A module's corpus: tests/search/conftest.py; every test starts from fresh facts and caches.
pytestmark = pytest.mark.usefixtures("fresh_search_state")


def suggest(client, language: str, query: str):
    with translation.override(language):
        url = reverse("search:autocomplete")
    response = client.get(url, {"q": query})
    return response, json.loads(response.content)


def test_suggests_titles_by_prefix_with_url_and_municipality(corpus, client):
    response, data = suggest(client, "sv", "mötesp")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert data["results"] == [
        {
            "title": "Mötesplatser för nyanlända",
            "url": corpus["meeting_places"].get_url(),
            "municipality": "Hylte",
        }
    ]


def test_prefix_without_diacritics_and_several_words(corpus, client):
    assert [r["title"] for r in suggest(client, "sv", "laxh")[1]["results"]] == [
        "Läxhjälp i biblioteket"
    ]
    assert [r["title"] for r in suggest(client, "sv", "samarbete sk")[1]["results"]] == [
        "Samarbete med skolorna"
    ]


def test_only_the_active_language(corpus, client):
    assert [r["title"] for r in suggest(client, "en", "meet")[1]["results"]] == [
        "Meeting places for refugees"
    ]
    assert suggest(client, "en", "mötesp")[1]["results"] == []
    assert suggest(client, "sv", "meeting")[1]["results"] == []


@pytest.mark.parametrize("query", ["", "m", " ", "\x00"])
def test_too_short_gives_nothing(corpus, client, query):
    response, data = suggest(client, "sv", query)
    assert response.status_code == 200
    assert data["results"] == []


@pytest.mark.parametrize(
    "query", ["x" * 10_000, "<script>alert(1)</script>", "'; DROP TABLE x; --", "*:* OR"]
)
def test_odd_input_is_harmless(corpus, client, query):
    response, data = suggest(client, "sv", query)
    assert response.status_code == 200
    assert len(data["query"]) <= 200
    assert data["results"] == []


def test_at_most_eight_suggestions(corpus, client, monkeypatch):
    monkeypatch.setattr(views, "AUTOCOMPLETE_LIMIT", 2)
    # Every Swedish title has a word starting with a letter; "s" alone is too short, "sa"/"st"…
    titles = [r["title"] for r in suggest(client, "sv", "för")[1]["results"]]
    assert len(titles) == 2


def test_unavailable_backend_answers_503_json(corpus, client, monkeypatch):
    class Broken:
        def autocomplete(self, *args, **kwargs):
            raise SearchBackendUnavailable("down")

    monkeypatch.setattr(views, "get_search_backend", lambda: Broken())
    response, data = suggest(client, "sv", "mötesp")
    assert response.status_code == 503
    assert data["results"] == []


def test_script_is_small_local_and_never_writes_html():
    source = SCRIPT.read_text(encoding="utf-8")
    assert len(source.encode()) <= 5 * 1024
    assert not re.search(r"https?://", source)
    assert "innerHTML" not in source and "insertAdjacentHTML" not in source
    assert "eval(" not in source
    # The ARIA combobox pattern.
    for attribute in (
        '"combobox"',
        '"listbox"',
        '"option"',
        "aria-activedescendant",
        "aria-expanded",
    ):
        assert attribute in source
    for key in ('"ArrowDown"', '"ArrowUp"', '"Enter"', '"Escape"'):
        assert key in source
