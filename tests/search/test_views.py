"""The public search page: results, ranking, facets, filters, sorting, odd input, failures."""

import re
import time
from urllib.parse import urlencode

import pytest
from django.db import OperationalError, connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from municipalities.counties import COUNTY_CHOICES
from practices.models import PracticeStatus
from search import service
from search.backends.database.backend import SearchBackendUnavailable
from search.forms import MAX_QUERY_LENGTH, SearchParams
from search.models import DailySearchQuery
from tests.search.engine_support import backend_active
from tests.search.search_corpus import module_corpus, reset_search_state


@pytest.fixture(scope="module")
def corpus(search_backend_name, django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        backend_active(search_backend_name),
        module_corpus(django_db_blocker) as data,
    ):
        yield data


@pytest.fixture(autouse=True)
def _fresh_state(db):
    reset_search_state()
    yield
    reset_search_state()


def search_url(language: str = "sv", **params) -> str:
    with translation.override(language):
        url = reverse("search:search")
    return url + ("?" + urlencode(params, doseq=True) if params else "")


def result_titles(response) -> list[str]:
    return [item.page.title for item in response.context["results"]]


def facet_counts(response) -> dict[str, dict[str, int]]:
    return {
        group.name: {option.value: option.count for option in group.options}
        for group in response.context["outcome"].facet_groups
    }


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


def test_sort_by_newest(corpus, client):
    response = client.get(search_url(q="läxhjälp", sort="newest"))
    assert result_titles(response) == [
        "Familjecentralen",
        "Studiestöd för unga",
        "Läxhjälp i biblioteket",
    ]
    # Without a query the listing is newest first.
    assert result_titles(client.get(search_url()))[0] == "Cykelskola för vuxna"


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


BAD_QUERIES = [
    "",
    "   ",
    "x" * 10_000,
    "läxhjälp " * 2_000,
    "'; DROP TABLE wagtailcore_page; --",
    "1 OR 1=1",
    '<script>alert("q")</script>',
    '"><img src=x onerror=alert(1)>',
    "\x00\x01\x02",
    "NEAR(läxhjälp skola) AND OR NOT * ^ {title}: col:x",
    '"unbalanced',
    "%_%\\",
    "🙂 " * 50,
    "a" * 199 + "ö",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_queries_answer_quickly_and_never_unescaped(corpus, client, query):
    started = time.monotonic()
    response = client.get(search_url(q=query))
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert elapsed < 2.0
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "\x00" not in html


def test_long_query_is_cut_with_a_notice(corpus, client):
    response = client.get(search_url(q="läxhjälp " + "x" * 10_000))
    assert response.status_code == 200
    assert len(response.context["query"]) <= MAX_QUERY_LENGTH
    assert response.context["params"].truncated
    with translation.override("sv"):
        notice = translation.gettext(
            "Your search was long, so only its first %(max_query_length)s characters were used."
        ) % {"max_query_length": MAX_QUERY_LENGTH}
    assert notice in response.content.decode()


def test_the_query_is_cut_before_it_is_parsed():
    params = SearchParams.from_querydict(QueryDict(urlencode({"q": "ord " * 5000})))
    assert len(params.query) <= MAX_QUERY_LENGTH
    assert params.truncated


@pytest.mark.parametrize(
    "params",
    [
        {"target_group": "no-such-group"},
        {"approach": ["mentoring", "nonsense"]},
        {"municipality": ["9999", "abcd", "1315" * 100]},
        {"county": "99"},
        {"status": "'; DROP TABLE x; --"},
        {"evidence_level": "<script>"},
        {"sort": "evil"},
        {"target_group": ["youth"] * 1000},
    ],
)
def test_unknown_filter_values_are_ignored(corpus, client, params):
    response = client.get(search_url(**params))
    assert response.status_code == 200
    assert len(result_titles(response)) >= 2
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


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


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("mötesplatsr", "mötesplatser"), ("skolorma", "skolorna"), ("laxhjalpp", "läxhjälp")],
)
def test_did_you_mean(corpus, client, typed, suggested):
    response = client.get(search_url(q=typed))
    assert response.context["outcome"].suggestion == suggested
    html = response.content.decode()
    assert "did-you-mean" in html
    assert response.context["suggestion_url"] in html.replace("&amp;", "&")
    followed = client.get(search_url() + response.context["suggestion_url"])
    assert result_titles(followed)


def test_no_suggestion_for_correct_words(corpus, client):
    response = client.get(search_url(q="mötesplats"))
    assert response.context["outcome"].suggestion is None


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


def test_head_requests_are_answered(corpus, client):
    assert client.head(search_url(q="skola")).status_code == 200
    assert client.post(search_url(q="skola")).status_code == 405
