"""Elasticsearch: configuration and index definition without a server; a live cluster only
when ELASTICSEARCH_URL is set."""

import os
import runpy

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation
from wagtail.search.backends import get_search_backend

from practices.models import PracticePage
from search import text
from search.backends.elasticsearch import LanguageSearchBackend
from search.query import LocalizedText
from tests.factories import PracticePageFactory

# The search settings (star-imported by base.py), run afresh with the test's environment.
SEARCH_SETTINGS = "platform_site.settings.search"
# Nothing listens on the discard port: connections are refused at once.
UNREACHABLE = "http://127.0.0.1:9"
LIVE_URL = os.environ.get("ELASTICSEARCH_URL", "")


def load_settings(monkeypatch, **environ) -> dict:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_module(SEARCH_SETTINGS)


def es_config(url: str = UNREACHABLE, **extra) -> dict:
    return {
        "BACKEND": "search.backends.elasticsearch",
        "URLS": [url],
        "INDEX_PREFIX": "test_larplattformen_",
        "TIMEOUT": 2,
        "INDEX_SETTINGS": settings.ELASTICSEARCH_INDEX_SETTINGS,
        "OPTIONS": {"max_retries": 0},
        **extra,
    }


def test_database_backend_without_elasticsearch_url(monkeypatch):
    monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
    loaded = load_settings(monkeypatch)
    assert loaded["WAGTAILSEARCH_BACKENDS"]["default"]["BACKEND"] == "search.backends.database"


def test_elasticsearch_url_switches_the_backend(monkeypatch):
    loaded = load_settings(monkeypatch, ELASTICSEARCH_URL="https://es.example:9200")
    config = loaded["WAGTAILSEARCH_BACKENDS"]["default"]
    assert config["BACKEND"] == "search.backends.elasticsearch"
    assert config["URLS"] == ["https://es.example:9200"]
    analysis = config["INDEX_SETTINGS"]["settings"]["analysis"]
    assert analysis == loaded["ELASTICSEARCH_INDEX_SETTINGS"]["settings"]["analysis"]
    # The configuration builds a working backend object (the client connects lazily).
    params = {k: v for k, v in config.items() if k != "BACKEND"}
    backend = LanguageSearchBackend(params)
    assert backend.language_analyzers == {"sv": "swedish_folded", "en": "english_folded"}


def test_index_settings_define_folded_swedish_and_english_analysers():
    analysis = settings.ELASTICSEARCH_INDEX_SETTINGS["settings"]["analysis"]
    filters, analyzers = analysis["filter"], analysis["analyzer"]
    # English is Snowball's English (Porter2), as in search/text.py.
    for name, language in (("swedish_folded", "swedish"), ("english_folded", "porter2")):
        chain = analyzers[name]["filter"]
        stemmers = [f for f in chain if filters.get(f, {}).get("type") == "stemmer"]
        assert filters[stemmers[-1]]["language"] == language
        # Folding before stemming, so "harnosand" and "Härnösand" stem alike; stop words
        # (spelt with å, ä, ö) before folding.
        assert chain.index("asciifolding") < chain.index(stemmers[-1])
        stops = [f for f in chain if filters.get(f, {}).get("type") == "stop"]
        assert chain.index(stops[0]) < chain.index("asciifolding")
        assert chain.index("lowercase") < chain.index("asciifolding")
    assert analyzers["folded"]["filter"] == ["lowercase", "asciifolding"]


def test_mapping_adds_a_sub_field_per_language():
    backend = get_search_backend("search.backends.elasticsearch", **es_config())
    mapping = backend.mapping_class(PracticePage).get_mapping()["properties"]
    for name in ("_all_text", "_all_text_boost_2_0"):
        assert mapping[name]["analyzer"] == "folded"
        assert mapping[name]["fields"] == {
            "sv": {"type": "text", "analyzer": "swedish_folded"},
            "en": {"type": "text", "analyzer": "english_folded"},
        }
    index = backend.get_index_for_model(PracticePage)
    assert index.name == "test_larplattformen_wagtailcore_page"
    assert backend.settings["settings"]["analysis"]["analyzer"]["swedish_folded"]


def test_queries_are_analysed_like_the_database_backend(locales):
    """The query's words are stemmed by search/text.py in the reader's language and matched
    on the fields holding the documents' own text.py tokens, with the database's weights."""
    backend = get_search_backend("search.backends.elasticsearch", **es_config())
    queryset = PracticePage.objects.live().filter(locale=locales["sv"])
    query = backend.search(
        LocalizedText("skolorna mötesplatsen", "sv"), queryset
    ).query_compiler.get_query()
    clauses = query["bool"]["must"]["bool"]["must"]
    assert [clause["multi_match"]["query"] for clause in clauses] == [
        text.index_form("skolorna", "sv"),
        text.index_form("mötesplatsen", "sv"),
    ]
    assert clauses[0]["multi_match"]["fields"] == [
        "_stems_title^10",
        "_stems_summary^4",
        "_stems_body^1",
    ]
    filters = str(query["bool"]["filter"])
    assert "live_filter" in filters and "locale_id_filter" in filters
    # Any word: one of the clauses is enough.
    either = backend.search(LocalizedText("skola cykel", "sv", operator="or"), queryset)
    assert either.query_compiler.get_query()["bool"]["must"]["bool"]["minimum_should_match"] == 1


def test_missing_analysers_are_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="swedish_folded"):
        get_search_backend("search.backends.elasticsearch", **es_config(INDEX_SETTINGS={}))


def test_search_page_answers_503_when_elasticsearch_is_down(site_tree, client, settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": es_config()}
    with translation.override("sv"):
        url = reverse("search:search")
        suggestions = reverse("search:autocomplete")
    response = client.get(url, {"q": "skola"})
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "Traceback" not in response.content.decode()
    assert client.get(suggestions, {"q": "sko"}).status_code == 503


def test_publishing_works_while_elasticsearch_is_down(site_tree, settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": es_config()}
    page = PracticePageFactory(parent=site_tree["municipality_sv"], title="Publicerad ändå")
    page.save_revision().publish()
    assert PracticePage.objects.live().filter(pk=page.pk).exists()


@pytest.mark.elasticsearch
@pytest.mark.skipif(
    not LIVE_URL, reason="needs a live Elasticsearch cluster: set ELASTICSEARCH_URL to run"
)
def test_live_cluster_stems_each_language_and_folds(site_tree, client, settings):
    from django.core.management import call_command

    from tests.search.search_corpus import build_corpus

    settings.WAGTAILSEARCH_BACKENDS = {
        "default": es_config(LIVE_URL, INDEX_PREFIX="test_larplattformen_live_", OPTIONS={})
    }
    corpus = build_corpus(site_tree)
    call_command("update_index", verbosity=0)
    backend = get_search_backend()
    sv = PracticePage.objects.live().filter(locale=corpus["sv"])
    en = PracticePage.objects.live().filter(locale=corpus["en"])

    def titles(queryset, query, language):
        return [p.title for p in backend.search(LocalizedText(query, language), queryset)]

    assert "Samarbete med skolorna" in titles(sv, "skola", "sv")
    assert "Mötesplatser för nyanlända" in titles(sv, "mötesplatsen", "sv")
    assert "Studiestöd för unga" in titles(sv, "harnosand", "sv")
    assert titles(en, "refugee", "en") == ["Meeting places for refugees"]
    assert titles(en, "cykelskola", "en") == []
    with translation.override("sv"):
        response = client.get(reverse("search:search"), {"q": "läxhjälp"})
    assert response.status_code == 200
    assert [item.page.title for item in response.context["results"]][0] == (
        "Läxhjälp i biblioteket"
    )
