"""OpenSearch: configuration without a server, then a live node (OPENSEARCH_URL).

The reader's features (facets, excerpts, suggestions, OR fallback, promotions, locale
filtering, newest first) run on the engine through the parametrised modules (those that
ask for the ``corpus`` of tests/search/conftest.py: test_views.py, test_service.py,
test_facets.py, test_forms.py, test_suggest.py, test_backends.py, test_views_autocomplete.py).
This module covers what only an engine has: its analysis compared with the database
backend's, the same top results on both for the same queries, the cluster's health, the 503
page when it is away and rebuilding the index behind an alias while readers search.
"""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.search.backends import get_search_backend

from practices.models import PracticePage
from search import text
from search.backends.opensearch import LanguageSearchBackend
from search.query import LocalizedText
from tests.search.engine_support import backend_active, engine_config
from tests.search.search_corpus import module_corpus, reset_search_state

UNREACHABLE = "http://127.0.0.1:9"

live = pytest.mark.engine


def offline_config(**extra) -> dict:
    return engine_config(UNREACHABLE, OPTIONS={"max_retries": 0}, TIMEOUT=2, **extra)


# --- Without a server --------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:Connecting to .* verify_certs=False")
def test_opensearch_url_lists_nodes_and_reads_credentials(monkeypatch):
    monkeypatch.setenv("OPENSEARCH_USERNAME", "reader")
    monkeypatch.setenv("OPENSEARCH_PASSWORD", "secret")
    monkeypatch.setenv("OPENSEARCH_VERIFY_CERTS", "false")
    monkeypatch.setenv("OPENSEARCH_REPLICAS", "2")
    monkeypatch.setenv("OPENSEARCH_TIMEOUT", "7")
    config = engine_config("https://a.example:9200, https://b.example:9200")
    assert config["BACKEND"] == "search.backends.opensearch"
    assert config["URLS"] == ["https://a.example:9200", "https://b.example:9200"]
    assert config["TIMEOUT"] == 7
    assert config["INDEX_SETTINGS"]["settings"]["index"]["number_of_replicas"] == 2
    params = {k: v for k, v in config.items() if k != "BACKEND"}
    backend = LanguageSearchBackend(params)
    # Every node gets the credentials and the (switched off) certificate check.
    assert [(h["host"], h["http_auth"], h["verify_certs"]) for h in backend.hosts] == [
        ("a.example", ("reader", "secret"), False),
        ("b.example", ("reader", "secret"), False),
    ]


def test_replicas_follow_the_cluster_by_default(monkeypatch):
    monkeypatch.delenv("OPENSEARCH_REPLICAS", raising=False)
    index = engine_config("http://127.0.0.1:9200")["INDEX_SETTINGS"]["settings"]["index"]
    # None on one node (green), one as soon as a second node is there.
    assert index == {"auto_expand_replicas": "0-1"}


def test_both_engines_at_once_is_a_configuration_error(monkeypatch):
    import runpy

    from django.core.exceptions import ImproperlyConfigured

    from tests.search.engine_support import SEARCH_SETTINGS

    monkeypatch.setenv("OPENSEARCH_URL", "http://127.0.0.1:9200")
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://127.0.0.1:9201")
    with pytest.raises(ImproperlyConfigured):
        runpy.run_module(SEARCH_SETTINGS)


def test_documents_carry_the_database_backends_tokens(practice):
    backend = get_search_backend("default", **offline_config())
    mapping = backend.mapping_class(PracticePage)
    properties = mapping.get_mapping()["properties"]
    assert properties["_stems_title"] == {"type": "text", "analyzer": "whitespace"}
    assert properties["_edgengrams"]["search_analyzer"] == "folded"
    practice.title = "Mötesplatserna och skolan"
    document = mapping.get_document(practice)
    assert document["_stems_title"].split() == text.analyse(practice.title, "sv")
    assert document["_stems_title"].split() == [
        text.index_form("mötesplats", "sv"),
        "och",
        text.index_form("skola", "sv"),
    ]


def test_search_page_answers_503_when_opensearch_is_down(site_tree, client):
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": offline_config()}):
        with translation.override("sv"):
            url = reverse("search:search")
            suggestions = reverse("search:autocomplete")
        response = client.get(url, {"q": "skola"})
        assert response.status_code == 503
        assert response["Retry-After"]
        assert "Traceback" not in response.content.decode()
        assert client.get(suggestions, {"q": "sko"}).status_code == 503
        health = client.get("/health/")
        assert health.status_code == 503
        assert health.json()["down"] == ["search"]


# --- A live node -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def engine_corpus(django_db_setup, django_db_blocker):
    """The corpus indexed by the engine and, at the same time, by the database backend."""
    both = {"database": {"BACKEND": "search.backends.database"}}
    with (
        django_db_blocker.unblock(),
        backend_active("opensearch"),
        override_settings(WAGTAILSEARCH_BACKENDS={"default": engine_config(), **both}),
        module_corpus(django_db_blocker) as data,
    ):
        yield data


@pytest.fixture(autouse=True)
def _fresh_state(db):
    reset_search_state()
    yield
    reset_search_state()


def analyse_on_node(analysis: list, words: list[str]) -> list[str]:
    body = {"tokenizer": "standard", "filter": analysis, "text": words}
    answer = get_search_backend("default").es.indices.analyze(body=body)
    return [token["token"] for token in answer["tokens"]]


@live
def test_lucenes_swedish_stemmer_alone_would_not_meet_our_forms(engine_corpus):
    """Why documents carry text.py's tokens: Lucene's Swedish Snowball stems the singular
    and the plural apart and keeps definite forms that text.py reduces."""
    forms = ["mötesplats", "mötesplatser", "mötesplatsen", "skola", "skolor", "skolan"]
    stock = analyse_on_node(
        ["lowercase", "asciifolding", {"type": "stemmer", "language": "swedish"}], forms
    )
    assert len(set(stock[:3])) > 1 or len(set(stock[3:])) > 1
    ours = [text.index_form(word, "sv") for word in forms]
    assert len(set(ours[:3])) == 1 and len(set(ours[3:])) == 1


RELEVANCE_CASES = [
    ("sv", "läxhjälp"),
    ("sv", "skola"),
    ("sv", "skolorna"),
    ("sv", "skolan"),
    ("sv", "mötesplats"),
    ("sv", "mötesplatsen"),
    ("sv", "nyanlända kvinnor"),
    ("sv", "harnosand"),
    ("sv", "örnsköldsvik"),
    ("sv", "cykelskola"),
    ("sv", "refugees"),
    ("en", "meeting place"),
    ("en", "refugee"),
    ("en", "schools"),
    ("en", "teachers"),
    ("en", "cykelskola"),
]


@live
@pytest.mark.parametrize(("language", "query"), RELEVANCE_CASES)
def test_engine_and_database_give_the_same_results(engine_corpus, language, query):
    locale = engine_corpus[language]
    queryset = PracticePage.objects.live().filter(locale=locale)
    engine = get_search_backend("default")
    database = get_search_backend("database")
    found = engine.search(LocalizedText(query, language), queryset).hits(50)
    expected = database.search(LocalizedText(query, language), queryset).hits()
    engine_ids = [pk for pk, _score in found]
    database_ids = [pk for pk, _score in expected]
    assert set(engine_ids) == set(database_ids)
    # The best result is the same (BM25 on the engine, bm25/ts_rank on the database) when the
    # database puts it clearly ahead (by half again); otherwise the engine's first is one of
    # the database's close leaders (the two scorings weigh field lengths differently).
    if expected:
        best = max(score for _pk, score in expected)
        tied = {pk for pk, score in expected if score * 1.5 >= best}
        assert engine_ids[0] in tied


@live
def test_health_reports_the_cluster(engine_corpus, client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"]["search"] == "ok"


@live
def test_rebuilding_switches_an_alias_and_readers_always_find(engine_corpus, client):
    backend = get_search_backend("default")
    index = backend.get_index_for_model(PracticePage)
    before = {aliased.name for aliased in index.aliased_indices()}
    assert index.is_alias() and before
    queryset = PracticePage.objects.live().filter(locale=engine_corpus["sv"])
    # What the built index finds ("skolorna": the schools page, and "Cykelskola" by its part).
    expected = {
        pk for pk, _score in backend.search(LocalizedText("skolorna", "sv"), queryset).hits(10)
    }
    assert engine_corpus["schools"].pk in expected
    seen: list[set[int]] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def read() -> None:
        reader = get_search_backend("default")
        try:
            while not stop.is_set():
                hits = reader.search(LocalizedText("skolorna", "sv"), queryset).hits(10)
                seen.append({pk for pk, _score in hits})
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        call_command("update_index", verbosity=0)
        call_command("update_index", verbosity=0)
    finally:
        stop.set()
        reader.join(30)
    assert not errors
    assert len(seen) > 3
    # Never empty, never half-built: every search during the two rebuilds found the page.
    assert all(found == expected for found in seen)
    after = {aliased.name for aliased in index.aliased_indices()}
    assert after and after.isdisjoint(before)
