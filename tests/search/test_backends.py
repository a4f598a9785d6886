"""The search backend through Wagtail's own API: indexing, matching, ranking, admin use."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import MATCH_ALL, Boost, Not, Phrase, PlainText
from wagtail.search.utils import parse_query_string

from practices.models import PracticePage
from search.backends.database.backend import DatabaseSearchBackend
from search.models import SearchDocument, SearchTerm
from search.query import LocalizedText
from tests.factories import PracticePageFactory

# A module's corpus: tests/search/conftest.py; every test starts from fresh facts and caches.
pytestmark = pytest.mark.usefixtures("fresh_search_state")


def titles(results) -> list[str]:
    return [page.title for page in results]


def search_sv(corpus, query, **kwargs):
    queryset = PracticePage.objects.live().filter(locale=corpus["sv"])
    return queryset.search(LocalizedText(query, "sv"), **kwargs)


def search_en(corpus, query, **kwargs):
    queryset = PracticePage.objects.live().filter(locale=corpus["en"])
    return queryset.search(LocalizedText(query, "en"), **kwargs)


def test_default_backend_is_ours():
    assert isinstance(get_search_backend(), DatabaseSearchBackend)


def test_publishing_indexes_and_deleting_removes(corpus):
    page = PracticePageFactory(
        parent=corpus["site_tree"]["municipality_sv"], title="Cykelkurs för kvinnor"
    )
    assert titles(PracticePage.objects.live().search("cykelkurser")) == ["Cykelkurs för kvinnor"]

    page.title = "Simkurs för kvinnor"
    page.save_revision().publish()
    assert titles(PracticePage.objects.live().search("cykelkurs")) == []
    assert titles(PracticePage.objects.live().search("simkurser")) == ["Simkurs för kvinnor"]

    page.unpublish()
    assert titles(PracticePage.objects.live().search("simkurs")) == []

    page_id = page.pk
    page.delete()
    assert not SearchDocument.objects.filter(object_id=page_id).exists()


def test_title_outranks_summary_outranks_body(corpus):
    assert titles(search_sv(corpus, "läxhjälp")) == [
        "Läxhjälp i biblioteket",
        "Studiestöd för unga",
        "Familjecentralen",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("skola", "Samarbete med skolorna"),
        ("skolor", "Samarbete med skolorna"),
        ("skolan", "Samarbete med skolorna"),
        ("mötesplats", "Mötesplatser för nyanlända"),
        ("mötesplatsen", "Mötesplatser för nyanlända"),
        ("MÖTESPLATSER", "Mötesplatser för nyanlända"),
        ("nyanländ mötesplats", "Mötesplatser för nyanlända"),
    ],
)
def test_swedish_inflected_forms_find_each_other(corpus, query, expected):
    assert expected in titles(search_sv(corpus, query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("meeting place", "Meeting places for refugees"),
        ("meeting places", "Meeting places for refugees"),
        ("refugee", "Meeting places for refugees"),
        ("school", "Working with the schools"),
    ],
)
def test_english_inflected_forms_find_each_other(corpus, query, expected):
    assert titles(search_en(corpus, query)) == [expected]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("harnosand", {"Studiestöd för unga", "Samarbete med skolorna"}),
        ("HÄRNÖSAND", {"Studiestöd för unga", "Samarbete med skolorna"}),
        ("ornskoldsvik", {"Familjecentralen", "Cykelskola för vuxna"}),
        ("motesplatser", {"Mötesplatser för nyanlända"}),
    ],
)
def test_diacritics_are_optional(corpus, query, expected):
    assert set(titles(search_sv(corpus, query))) == expected


def test_each_language_only_finds_its_own_pages(corpus):
    # "cykelskola" exists only in Swedish; English pages are never stemmed as Swedish.
    assert titles(search_sv(corpus, "cykelskola")) == ["Cykelskola för vuxna"]
    assert titles(search_en(corpus, "cykelskola")) == []
    assert titles(search_sv(corpus, "refugees")) == []
    # Stemmed as Swedish, an English query does not meet the English forms.
    everything = PracticePage.objects.live()
    assert titles(everything.search(LocalizedText("refugees", "sv"))) == []
    assert titles(everything.search(LocalizedText("refugees", "en"))) == [
        "Meeting places for refugees"
    ]


def test_without_a_language_every_stemmer_is_tried(corpus):
    found = set(titles(PracticePage.objects.live().search("skolorna schools")))
    assert found == set()  # AND across languages: no page has both
    found = set(titles(PracticePage.objects.live().search("skolorna schools", operator="or")))
    # "Cykelskola" is found by its last part, "skola" (search/compounds.py).
    assert found == {"Samarbete med skolorna", "Working with the schools", "Cykelskola för vuxna"}


def test_autocomplete_matches_title_prefixes(corpus):
    queryset = PracticePage.objects.live().filter(locale=corpus["sv"])
    assert titles(queryset.autocomplete("mötesp")) == ["Mötesplatser för nyanlända"]
    assert titles(queryset.autocomplete("laxhj")) == ["Läxhjälp i biblioteket"]
    assert titles(queryset.autocomplete("samarbete sko")) == ["Samarbete med skolorna"]
    assert titles(queryset.autocomplete("mötesplatsen")) == ["Mötesplatser för nyanlända"]
    assert titles(queryset.autocomplete("xyzzy")) == []


@pytest.mark.database_backend_only
def test_hits_is_one_query(corpus):
    results = search_sv(corpus, "läxhjälp")
    with CaptureQueriesContext(connection) as queries:
        hits = results.hits()
    # One statement; on PostgreSQL wrapped in a savepoint with its planner hint.
    statements = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert len(statements) == 1
    assert [pk for pk, _score in hits] == [
        corpus["homework_title"].pk,
        corpus["homework_summary"].pk,
        corpus["homework_body"].pk,
    ]
    scores = [score for _pk, score in hits]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0


def test_admin_style_queries(corpus):
    pages = Page.objects.all()
    # Any page type, any language, Wagtail's query parser with phrases and filters.
    _filters, query = parse_query_string('"läxhjälp i biblioteket"', operator="and")
    assert titles(pages.search(query)) == ["Läxhjälp i biblioteket"]
    assert titles(pages.search(Phrase("biblioteket läxhjälp"))) == []
    assert "Läxhjälp i biblioteket" not in titles(
        pages.search(PlainText("läxhjälp") & Not(PlainText("biblioteket")))
    )
    assert pages.search(MATCH_ALL).count() == pages.count()
    # Ordered by the queryset instead of relevance.
    ordered = (
        PracticePage.objects.live().order_by("title").search("läxhjälp", order_by_relevance=False)
    )
    assert titles(ordered) == sorted(titles(ordered))
    # Restricted to the title.
    assert titles(PracticePage.objects.search("läxhjälp", fields=["title"])) == [
        "Läxhjälp i biblioteket"
    ]
    # Scores, counts, slices and facets as Wagtail's own backends provide them.
    scored = list(PracticePage.objects.search("läxhjälp").annotate_score("score"))
    scores = [page.score for page in scored]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    results = PracticePage.objects.search("läxhjälp")
    assert results.count() == 3
    assert len(results[1:3]) == 2
    assert results[1:3].count() == 2
    assert results.facet("status") == {"ongoing": 3}


def test_admin_page_search_view(corpus, admin_client):
    # The admin searches with autocomplete(): prefixes, and whole words in any form.
    for query in ("mötesplatsen", "mötesp", "motesplats"):
        response = admin_client.get("/admin/pages/search/", {"q": query})
        assert response.status_code == 200
        assert "Mötesplatser för nyanlända" in response.content.decode(), query


def test_nonsense_queries_match_nothing(corpus):
    for query in [
        "!!!",
        "   ",
        '"',
        "*",
        "NEAR(",
        "AND OR NOT",
        "{title}:x",
        "'; DROP TABLE x; --",
    ]:
        assert list(search_sv(corpus, query)) == [], query
        assert search_sv(corpus, query).count() == 0


@pytest.mark.database_backend_only
def test_update_index_rebuilds_documents_and_vocabulary(corpus):
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    assert titles(search_sv(corpus, "mötesplats")) == []

    call_command("update_index", verbosity=0)

    assert titles(search_sv(corpus, "mötesplats")) == ["Mötesplatser för nyanlända"]
    assert titles(search_sv(corpus, "läxhjälp"))[0] == "Läxhjälp i biblioteket"
    term = SearchTerm.objects.get(language="sv", term="laxhjalp")
    assert term.display == "läxhjälp"
    assert term.frequency == 3
    assert SearchTerm.objects.filter(language="en", term="refugees").exists()


def test_admin_listings_and_choosers_search_through_the_backend(corpus, admin_client):
    from django.urls import reverse

    from practices.models import TargetGroup

    listing = reverse(TargetGroup.snippet_viewset.get_url_name("list"))
    response = admin_client.get(listing, {"q": "nyanl"})
    assert response.status_code == 200
    assert "Nyanlända kvinnor" in response.content.decode()
    assert "Ungdomar" not in response.content.decode()
    for url in ("/admin/images/", "/admin/documents/", "/admin/choose-page/search/"):
        assert admin_client.get(url, {"q": "skola"}).status_code == 200, url
    chooser = admin_client.get("/admin/choose-page/search/", {"q": "mötesplats"})
    assert "Mötesplatser för nyanlända" in chooser.content.decode()


def _empty_querysets(corpus):
    """Querysets that cannot hold a row, built the ways Wagtail code builds them."""
    leaf = corpus["homework_title"]  # a practice has no children: the tree returns .none()
    return {
        "none": PracticePage.objects.none(),
        "empty pk list": PracticePage.objects.filter(pk__in=[]),
        "leaf descendants": leaf.get_descendants(),
        "leaf children": leaf.get_children().live(),
    }


@pytest.mark.parametrize("name", ["none", "empty pk list", "leaf descendants", "leaf children"])
@pytest.mark.parametrize(
    "query", ["läxhjälp", MATCH_ALL, Not(PlainText("läxhjälp")), Phrase("läxhjälp i")]
)
def test_searching_an_empty_queryset_finds_nothing(corpus, name, query):
    queryset = _empty_querysets(corpus)[name]
    results = queryset.search(query)
    assert list(results) == []
    assert results.count() == 0
    assert list(results[2:5]) == []
    assert list(queryset.search(query, order_by_relevance=False)) == []
    assert results.facet("locale_id") == {}
    assert results.hits() == []
    if isinstance(query, str):
        assert list(queryset.autocomplete(query)) == []
        assert queryset.autocomplete(query).count() == 0


def test_documents_api_search_on_an_empty_library(corpus, client):
    # No document is used on a live page, so the API searches an empty queryset.
    response = client.get("/api/v2/documents/", {"search": "läxhjälp"})
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] == 0


def test_boost_changes_the_ranking(corpus):
    """The same two alternatives swap places when one of them is boosted up or down."""
    queryset = PracticePage.objects.live().filter(locale=corpus["sv"])
    plain = PlainText("läxhjälp")
    other = PlainText("mötesplats")

    def ranked(factor):
        results = queryset.search(plain | Boost(other, factor)).annotate_score("_score")
        return {page.title: page._score for page in results}

    up, down = ranked(10.0), ranked(0.1)
    assert max(up, key=up.get) == "Mötesplatser för nyanlända"
    assert max(down, key=down.get) == "Läxhjälp i biblioteket"
    assert up["Mötesplatser för nyanlända"] > down["Mötesplatser för nyanlända"]
    # Boosting never changes what matches, only the order.
    assert set(up) == set(down)
    assert up["Läxhjälp i biblioteket"] == pytest.approx(down["Läxhjälp i biblioteket"])


def test_a_compound_is_found_by_its_last_part_below_the_word_itself(corpus):
    # "Mötesplatser för nyanlända" has the compound in its title; this page has the word.
    PracticePageFactory(
        parent=corpus["site_tree"]["municipality_sv"],
        title="Platser för samtal",
        summary="Samtal varje vecka.",
    )
    found = titles(search_sv(corpus, "platser"))
    assert found == ["Platser för samtal", "Mötesplatser för nyanlända"]
    # The whole compound still finds only itself first.
    assert titles(search_sv(corpus, "mötesplats"))[0] == "Mötesplatser för nyanlända"


def test_an_id_list_limits_the_search_to_those_pages(corpus):
    everything = PracticePage.objects.live()
    wanted = everything.get(title="Läxhjälp i biblioteket")
    other = everything.get(title="Mötesplatser för nyanlända")
    chosen = everything.filter(pk__in=[wanted.pk, other.pk])
    assert titles(chosen.search("läxhjälp")) == ["Läxhjälp i biblioteket"]
    assert titles(everything.filter(pk__in=[other.pk]).search("läxhjälp")) == []
    assert titles(everything.filter(pk=wanted.pk).search("läxhjälp")) == ["Läxhjälp i biblioteket"]
    assert titles(everything.filter(pk=other.pk).autocomplete("läxhj")) == []
