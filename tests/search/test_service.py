"""Searching (search/service.py), through the search page: ranking, inflections and
diacritics, the active language, newest first, any word when none has all, promotions."""

import pytest
from django.utils import translation
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.search.search_corpus import result_titles, search_url

# A module's corpus: tests/search/conftest.py; every test starts from fresh facts and caches.
pytestmark = pytest.mark.usefixtures("fresh_search_state")


def test_title_ranks_above_summary_above_body(corpus, client):
    response = client.get(search_url(q="läxhjälp"))
    assert result_titles(response) == [
        "Läxhjälp i biblioteket",
        "Studiestöd för unga",
        "Familjecentralen",
    ]


@pytest.mark.parametrize(
    ("language", "query", "title"),
    [
        ("sv", "skola", "Samarbete med skolorna"),
        ("sv", "skolor", "Samarbete med skolorna"),
        ("sv", "mötesplats", "Mötesplatser för nyanlända"),
        ("sv", "mötesplatser", "Mötesplatser för nyanlända"),
        ("sv", "nyanländ", "Mötesplatser för nyanlända"),
        ("sv", "harnosand", "Studiestöd för unga"),
        ("sv", "ornskoldsvik", "Familjecentralen"),
        ("en", "meeting place", "Meeting places for refugees"),
        ("en", "refugee", "Meeting places for refugees"),
        ("en", "harnosand", "Working with the schools"),
    ],
)
def test_inflections_and_diacritics_through_the_page(corpus, client, language, query, title):
    assert title in result_titles(client.get(search_url(language, q=query)))


def test_only_the_active_language_is_listed(corpus, client):
    english = client.get(search_url("en"))
    assert sorted(result_titles(english)) == [
        "Meeting places for refugees",
        "Working with the schools",
    ]
    assert result_titles(client.get(search_url("en", q="cykelskola"))) == []
    assert result_titles(client.get(search_url("sv", q="refugees"))) == []
    swedish = client.get(search_url("sv"))
    assert len(result_titles(swedish)) == 6
    assert "Meeting places for refugees" not in result_titles(swedish)


def test_sort_by_newest(corpus, client):
    response = client.get(search_url(q="läxhjälp", sort="newest"))
    assert result_titles(response) == [
        "Familjecentralen",
        "Studiestöd för unga",
        "Läxhjälp i biblioteket",
    ]
    # Without a query the listing is newest first.
    assert result_titles(client.get(search_url()))[0] == "Cykelskola för vuxna"


def test_any_word_when_no_practice_has_all(corpus, client):
    response = client.get(search_url(q="läxhjälp cykelskola"))
    assert response.context["outcome"].matched_any_word
    assert "Cykelskola för vuxna" in result_titles(response)
    with translation.override("sv"):
        notice = translation.gettext(
            "No practice contains all of your words, so these contain at least one of them."
        )
    assert notice in response.content.decode()


def test_promotions_are_recommended_above_results(corpus, client):
    theme = corpus["themes"][0]
    query = Query.get("läxhjälp")
    SearchPromotion.objects.create(query=query, page=theme, description="Allt om läxor.")
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.skolverket.se/",
        external_link_text="Skolverket",
    )
    html = client.get(search_url(q="Läxhjälp")).content.decode()
    promotions = html.index('class="promotions"')
    assert promotions < html.index('class="search-results__list')
    section = html[promotions : html.index("</section>", promotions)]
    assert "Språk och skola" in section
    assert "Allt om läxor." in section
    assert "https://www.skolverket.se/" in section
    # The Swedish theme has no English version: only the link is recommended in English.
    english = client.get(search_url("en", q="läxhjälp")).content.decode()
    assert "Skolverket" in english
    assert "Språk och skola" not in english.split('class="search-results', 1)[0]


def test_promotion_shows_the_translation_in_its_language(corpus, client):
    SearchPromotion.objects.create(
        query=Query.get("meeting"), page=corpus["meeting_places"], description=""
    )
    html = client.get(search_url("en", q="meeting")).content.decode()
    section = html[html.index('class="promotions"') :]
    assert "Meeting places for refugees" in section.split("</section>", 1)[0]
