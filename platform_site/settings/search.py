"""Search settings: the database backend by default, an OpenSearch/Elasticsearch engine by URL.

Star-imported by base.py; kept apart because the engine's analysis is long and changes
with search/text.py, not with the rest of the settings.
"""

import os
from copy import deepcopy

from django.core.exceptions import ImproperlyConfigured

# Search (docs/search.md). By default our own database backend: Snowball stemming in
# each page's language, FTS5 on SQLite, tsvector + GIN on PostgreSQL. OPENSEARCH_URL or
# ELASTICSEARCH_URL (comma-separated node URLs) switches to a search engine: Wagtail's
# OpenSearch 2 / Elasticsearch backend with our Swedish and English analysis
# (search/backends/engine.py). `make search-engine` starts a local OpenSearch node.
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Hunspell Swedish dictionary for splitting compounds when indexing (search/compounds.py);
# empty: the one the hunspell-sv package installs. A missing file turns splitting off.
SEARCH_SWEDISH_DICTIONARY = os.environ.get("SEARCH_SWEDISH_DICTIONARY", "")
# The engine's analysis repeats search/text.py, so the engine and the database backends find
# the same words: one tokeniser (letters and digits), lower-case, stop words (spelt with å, ä
# and ö, so before folding), folding, words of 2-40 letters, then Snowball. Swedish Snowball
# removes one suffix per pass ("mötesplats" → "motesplat", "mötesplatser" → "motesplats"), so
# it runs to a fixed point (four passes, as text.stem does), and the definite singular of -a
# nouns ("skolan") loses its "-an" before one more pass. English is Snowball's English
# (Porter2), as in text.py, not Lucene's older Porter.
ELASTICSEARCH_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "tokenizer": {"words": {"type": "pattern", "pattern": "[^\\p{L}\\p{N}]+"}},
            "filter": {
                "swedish_stop": {"type": "stop", "stopwords": "_swedish_"},
                "swedish_stemmer": {"type": "stemmer", "language": "swedish"},
                "swedish_definite": {
                    "type": "pattern_replace",
                    "pattern": "^(.{3,})an$",
                    "replacement": "$1",
                },
                "english_stop": {"type": "stop", "stopwords": "_english_"},
                "english_stemmer": {"type": "stemmer", "language": "porter2"},
                "word_length": {"type": "length", "min": 2, "max": 40},
            },
            "analyzer": {
                "folded": {
                    "type": "custom",
                    "tokenizer": "words",
                    "filter": ["lowercase", "asciifolding"],
                },
                "swedish_folded": {
                    "type": "custom",
                    "tokenizer": "words",
                    "filter": [
                        "lowercase",
                        "swedish_stop",
                        "asciifolding",
                        "word_length",
                        *["swedish_stemmer"] * 4,
                        "swedish_definite",
                        "swedish_stemmer",
                    ],
                },
                "english_folded": {
                    "type": "custom",
                    "tokenizer": "words",
                    "filter": [
                        "lowercase",
                        "english_stop",
                        "asciifolding",
                        "word_length",
                        "english_stemmer",
                    ],
                },
            },
        }
    }
}
SEARCH_ENGINE_LANGUAGE_ANALYZERS = {"sv": "swedish_folded", "en": "english_folded"}


def search_engine_config(prefix: str, backend: str, urls: str) -> dict:
    """WAGTAILSEARCH_BACKENDS["default"] for an engine, from <prefix>_* variables."""

    def env(name: str, default: str = "") -> str:
        return os.environ.get(f"{prefix}_{name}", default)

    index_settings = deepcopy(ELASTICSEARCH_INDEX_SETTINGS)
    replicas = env("REPLICAS")
    # Default: one replica when the cluster has a second node, none on a single node (green).
    index_settings["settings"]["index"] = (
        {"number_of_replicas": int(replicas), "auto_expand_replicas": False}
        if replicas
        else {"auto_expand_replicas": "0-1"}
    )
    return {
        "BACKEND": backend,
        "URLS": [url.strip() for url in urls.split(",") if url.strip()],
        "INDEX_PREFIX": env("INDEX_PREFIX", "larplattformen_"),
        "TIMEOUT": int(env("TIMEOUT", "5")),
        "BULK_TIMEOUT": int(env("BULK_TIMEOUT", "120")),
        "USERNAME": env("USERNAME") or None,
        "PASSWORD": env("PASSWORD") or None,
        "VERIFY_CERTS": env("VERIFY_CERTS", "true").lower() not in ("0", "false", "no"),
        "CA_CERTS": env("CA_CERTS") or None,
        "INDEX_SETTINGS": index_settings,
        # Rebuilds fill a new index, then switch the alias: readers never see a half index.
        "ATOMIC_REBUILD": True,
        # Which analyser handles which content language (sub-fields of the text fields).
        "LANGUAGE_ANALYZERS": SEARCH_ENGINE_LANGUAGE_ANALYZERS,
        # A node that is down is skipped: the client retries the request on another node.
        "OPTIONS": {"max_retries": int(env("MAX_RETRIES", "2")), "retry_on_timeout": True},
    }


if OPENSEARCH_URL and ELASTICSEARCH_URL:
    raise ImproperlyConfigured("Set OPENSEARCH_URL or ELASTICSEARCH_URL, not both.")
if OPENSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": search_engine_config("OPENSEARCH", "search.backends.opensearch", OPENSEARCH_URL)
    }
elif ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": search_engine_config(
            "ELASTICSEARCH", "search.backends.elasticsearch", ELASTICSEARCH_URL
        )
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
