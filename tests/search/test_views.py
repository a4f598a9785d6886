"""The public search page (search/views.py): results, pagination, no results, logging, the
number of queries, failures, the header's search box and odd requests.

Ranking and promotions: test_service.py; facets and filters: test_facets.py; odd input:
test_forms.py; "did you mean": test_suggest.py.
"""

import re

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from municipalities.counties import COUNTY_CHOICES
from practices.models import PracticeStatus
from search import service
from search.backends.database.backend import SearchBackendUnavailable
from search.models import DailySearchQuery
from tests.search.search_corpus import result_titles, search_url

# A module's corpus: tests/search/conftest.py; every test starts from fresh facts and caches.
pytestmark = pytest.mark.usefixtures("fresh_search_state")


def test_search_page_urls_are_translated():
    assert search_url("sv") == "/sv/sok/"
    assert search_url("en") == "/en/search/"


def test_results_show_title_excerpt_municipality_groups_and_status(corpus, client):
    response = client.get(search_url(q="mötesplatsen"))
    assert response.status_code == 200
    html = response.content.decode()
    assert result_titles(response) == ["Mötesplatser för nyanlända"]
    assert "<mark>mötesplatsen</mark>" in html
    item = re.search(r'<article class="search-result">.*?</article>', html, re.S).group()
    assert "Hylte" in item
    assert "Nyanlända kvinnor" in item
    with translation.override("sv"):
        assert str(PracticeStatus.REGULAR.label) in item


def test_pagination(corpus, client, monkeypatch):
    monkeypatch.setattr(service, "RESULTS_PER_PAGE", 2)
    first = client.get(search_url())
    second = client.get(search_url(page="2"))
    assert len(result_titles(first)) == 2
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    assert 'rel="next"' in first.content.decode()
    for page in ("abc", "-1", "0", "1e9", "", "999999"):
        response = client.get(search_url(page=page))
        assert response.status_code == 200, page
        assert len(result_titles(response)) == 2


def test_no_results_offer_to_drop_filters_and_show_themes(corpus, client):
    response = client.get(search_url(q="läxhjälp", target_group="women", county="13"))
    assert response.status_code == 200
    assert result_titles(response) == []
    html = response.content.decode()
    assert 'class="filters' in html  # the filters stay visible
    with translation.override("sv"):
        halland = str(dict(COUNTY_CHOICES)["13"])
    links = {str(link["label"]): link["url"] for link in response.context["removal_links"]}
    assert set(links) == {"Nyanlända kvinnor", halland}
    for url in links.values():
        assert url.replace("&", "&amp;") in html
    assert result_titles(client.get(search_url() + links[halland])) == ["Familjecentralen"]
    assert result_titles(client.get(search_url() + links["Nyanlända kvinnor"])) == [
        "Läxhjälp i biblioteket"
    ]
    assert "Språk och skola" in html  # themes in the reader's language


def test_no_results_for_an_unknown_word_is_kind(corpus, client):
    response = client.get(search_url(q="qwxzyvk"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "qwxzyvk" in html
    assert "Språk och skola" in html


def test_searches_are_logged_once_per_search(corpus, client):
    client.get(search_url(q="Läxhjälp"))
    client.get(search_url(q="läxhjälp "))
    client.get(search_url(q="läxhjälp", page="2"))  # paging is not a new search
    client.get(search_url(q=""))
    client.get(search_url(q="qwxzyvk"))
    rows = {
        (row.query, row.language): (row.searches, row.results)
        for row in DailySearchQuery.objects.all()
    }
    assert rows == {("läxhjälp", "sv"): (2, 3), ("qwxzyvk", "sv"): (1, 0)}


def is_story_fetch(sql: str) -> bool:
    """The one batch query that reads the stories of results whose other fields had no match."""
    return '"practices_practicepage"."body"' in sql and 'AS "story"' in sql


def statements(captured: CaptureQueriesContext) -> int:
    """Queries, not counting savepoints, the planner hint around PostgreSQL matches and the
    story fetch (counted separately: it depends on where the words matched, not on how many
    results there are)."""
    control = ("SAVEPOINT", "RELEASE", "ROLLBACK", "SET ")
    return sum(
        1
        for q in captured.captured_queries
        if not q["sql"].startswith(control) and not is_story_fetch(q["sql"])
    )


def story_fetches(captured: CaptureQueriesContext) -> int:
    return sum(1 for q in captured.captured_queries if is_story_fetch(q["sql"]))


def test_number_of_queries_does_not_grow_with_results(corpus, client):
    client.get(search_url(q="läxhjälp"))  # warm the facts sheet and caches
    with CaptureQueriesContext(connection) as three:
        assert len(result_titles(client.get(search_url(q="läxhjälp")))) == 3
    with CaptureQueriesContext(connection) as six:
        assert len(result_titles(client.get(search_url(q="utmaningen")))) == 6
    with CaptureQueriesContext(connection) as filtered:
        client.get(search_url(q="utmaningen", target_group="youth", sort="newest"))
    with CaptureQueriesContext(connection) as browsing:
        client.get(search_url(target_group="women"))
    assert statements(three) == statements(six) == statements(filtered)
    assert all(story_fetches(c) <= 1 for c in (three, six, filtered, browsing))
    assert statements(browsing) <= statements(six)
    # Facets and cards come from a fixed number of queries; the rest is the page frame
    # (menu, language links, site settings), which every page of the site shares.
    assert statements(six) <= 25


@pytest.mark.parametrize(
    "error",
    [
        SearchBackendUnavailable("down"),
        OperationalError("connection refused"),
    ],
)
def test_backend_failure_gives_a_friendly_503(corpus, client, monkeypatch, error):
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(service, "ranked_hits", fail)
    response = client.get(search_url(q="läxhjälp"))
    assert response.status_code == 503
    assert response["Retry-After"]
    html = response.content.decode()
    assert "<h1>" in html and "Traceback" not in html


def test_elasticsearch_connection_error_gives_503(corpus, client, monkeypatch):
    from elastic_transport import ConnectionError as TransportConnectionError

    def fail(*args, **kwargs):
        raise TransportConnectionError("connection refused")

    monkeypatch.setattr(service, "ranked_hits", fail)
    assert client.get(search_url(q="läxhjälp")).status_code == 503


def test_header_search_box_is_wired_for_autocomplete(corpus, client):
    html = client.get("/sv/").content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert 'action="/sv/sok/"' in header
    assert "data-autocomplete-url=" in header
    assert re.search(r'<script src="[^"]*search/autocomplete\.js" defer></script>', header)
    # No inline script anywhere on the search page (the CSP forbids them).
    search_html = client.get(search_url(q="skola")).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", search_html)


def test_query_text_is_escaped_in_title_and_form(corpus, client):
    html = client.get(search_url(q='<b>"fet"</b>')).content.decode()
    assert "<b>" not in html.split("<body", 1)[1].split("<main", 1)[1]
    assert "&lt;b&gt;" in html


def test_head_requests_are_answered(corpus, client):
    assert client.head(search_url(q="skola")).status_code == 200
    assert client.post(search_url(q="skola")).status_code == 405
