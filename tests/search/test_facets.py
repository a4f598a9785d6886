"""Facets and filters (search/facets.py), through the search page: counts with and without a
query, filters that combine, and facts that follow what was published elsewhere."""

import re

import pytest

from tests.search.search_corpus import facet_counts, result_titles, search_url

# A module's corpus: tests/search/conftest.py; every test starts from fresh facts and caches.
pytestmark = pytest.mark.usefixtures("fresh_search_state")


def test_facet_counts_without_a_query(corpus, client):
    counts = facet_counts(client.get(search_url()))
    assert counts["target_group"] == {"women": 3, "youth": 3}
    assert counts["approach"] == {"mentoring": 2, "language-cafe": 1}
    # A joint practice counts for its participating municipality too.
    assert counts["municipality"] == {"1315": 3, "2280": 2, "2284": 2}
    assert counts["county"] == {"13": 2, "22": 4}
    assert counts["status"] == {"ongoing": 4, "regular": 1, "ended": 1}
    assert counts["evidence_level"] == {"internal": 5, "external": 1}


def test_facet_counts_follow_the_query(corpus, client):
    counts = facet_counts(client.get(search_url(q="läxhjälp")))
    assert counts["target_group"] == {"youth": 2, "women": 1}
    assert counts["county"] == {"13": 1, "22": 2}


def test_filters_combine_and_counts_show_what_ticking_would_give(corpus, client):
    response = client.get(search_url(target_group="youth"))
    assert sorted(result_titles(response)) == [
        "Läxhjälp i biblioteket",
        "Samarbete med skolorna",
        "Studiestöd för unga",
    ]
    counts = facet_counts(response)
    # Values of the ticked filter keep their own counts (they are alternatives)…
    assert counts["target_group"] == {"youth": 3, "women": 3}
    # …other filters count within the youth practices.
    assert counts["municipality"] == {"1315": 2, "2280": 2}

    response = client.get(search_url(target_group="youth", county="22"))
    assert sorted(result_titles(response)) == ["Samarbete med skolorna", "Studiestöd för unga"]

    # Two values of one filter: either.
    response = client.get(search_url(status=["ended", "regular"]))
    assert sorted(result_titles(response)) == [
        "Mötesplatser för nyanlända",
        "Samarbete med skolorna",
    ]
    response = client.get(search_url(q="läxhjälp", evidence_level="internal", municipality="2284"))
    assert result_titles(response) == ["Familjecentralen"]


def test_chosen_filters_are_checked_in_the_form(corpus, client):
    html = client.get(search_url(q="läxhjälp", target_group="youth")).content.decode()
    assert re.search(r'name="target_group" value="youth"\s+id="[^"]+" checked', html)
    assert 'form="search-form"' in html


def test_a_practice_published_by_another_worker_is_found(corpus, client):
    """Facts are refreshed from the database, not only from this process's signals."""
    assert result_titles(client.get(search_url(q="trädgårdsprojekt"))) == []
    # As if another worker process published it: its cache bump is not seen here.
    from django.db.models.signals import post_save

    from practices.models import PracticePage
    from tests.search.search_corpus import practice

    post_save.disconnect(sender=PracticePage, dispatch_uid=f"search-facts-{PracticePage}")
    try:
        practice(corpus["hylte"], title="Trädgårdsprojekt för familjer")
    finally:
        from search.facets import bump_generation

        post_save.connect(
            bump_generation, sender=PracticePage, dispatch_uid=f"search-facts-{PracticePage}"
        )
    assert result_titles(client.get(search_url(q="trädgårdsprojekt"))) == [
        "Trädgårdsprojekt för familjer"
    ]


def test_an_unpublished_practice_disappears_at_once(corpus, client):
    assert "Cykelskola för vuxna" in result_titles(client.get(search_url(q="cykelskola")))
    corpus["swedish_only"].unpublish()
    assert result_titles(client.get(search_url(q="cykelskola"))) == []
    assert "Cykelskola för vuxna" not in result_titles(client.get(search_url()))
