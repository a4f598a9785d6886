"""What our Elasticsearch and OpenSearch backends share: the analysis of search/text.py.

One implementation, two client flavours: search/backends/elasticsearch.py binds these mixins
to Wagtail's Elasticsearch 8/9 classes, search/backends/opensearch.py to its OpenSearch 2
classes. Nothing here imports a client.

Lucene's Swedish Snowball stemmer is older than the one search/text.py uses (it keeps
"arbetet", "problemet"…) and stems one suffix per pass, so the engine would not find what the
database backends find. Every document therefore carries, besides Wagtail's own fields, its
text already analysed by search/text.py in the document's language, in three fields with a
whitespace analyser (`_stems_title`, `_stems_summary`, `_stems_body`, built as the database
backend builds its columns), and full-text queries are analysed by the same code and matched
on those fields with the same column weights. The engine thus finds exactly the words the
database backend finds, in both languages, with folding; it ranks with its own BM25.

Wagtail's catch-all fields keep their Lucene analysis too (folded, plus one sub-field per
language), for queries restricted to named fields and for fuzzy queries.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from modelsearch.backends.elasticsearchbase import Field
from wagtail.search.query import Phrase, PlainText

from core import wagtail_patches

from .. import text
from ..models import SearchTerm
from .database.documents import (
    DocumentBuilder,
    _prefetch_related_fields,
    _vocabulary_entries,
    _vocabulary_term,
)
from .database.query import BM25_WEIGHTS

DEFAULT_LANGUAGE_ANALYZERS = {"sv": "swedish_folded", "en": "english_folded"}
#: Plain text (no stemming) is still folded, so "ornskoldsvik" finds "Örnsköldsvik".
FOLDED_ANALYZER = "folded"
#: Fields holding search/text.py's tokens, with the database backend's column weights.
STEM_FIELDS = {f"_stems_{column}": BM25_WEIGHTS[column] for column in ("title", "summary", "body")}
STEM_FIELD_MAPPING = {"type": "text", "analyzer": "whitespace"}


def _is_catch_all(name: str) -> bool:
    return name == "_all_text" or name.startswith("_all_text_boost_")


class LanguageMappingMixin:
    language_analyzers: dict[str, str] = DEFAULT_LANGUAGE_ANALYZERS

    def get_mapping(self) -> dict:
        mapping = super().get_mapping()
        properties = mapping["properties"]
        for name, definition in properties.items():
            if _is_catch_all(name):
                definition["analyzer"] = FOLDED_ANALYZER
                definition["fields"] = {
                    language: {"type": "text", "analyzer": analyzer}
                    for language, analyzer in self.language_analyzers.items()
                }
        # Autocomplete prefixes are folded when indexed: fold what the reader types as well.
        properties["_edgengrams"]["search_analyzer"] = FOLDED_ANALYZER
        for name in STEM_FIELDS:
            properties[name] = dict(STEM_FIELD_MAPPING)
        return mapping

    def get_document(self, obj) -> dict:
        document = super().get_document(obj)
        builder = getattr(self, "_document_builder", None)
        if builder is None:  # one per mapping: it reads the locales once
            builder = self._document_builder = DocumentBuilder()
        language = builder.language_of(obj)
        # The database backend's columns, compound parts included, so both find the same.
        for column, value in builder.columns(obj, language, builder.texts(obj)).items():
            document[f"_stems_{column}"] = value
        return document


def _query_languages(query) -> tuple[str, ...]:
    language = getattr(query, "language", None)
    if language:
        return (text.normalise_language(language),)
    return text.content_languages()


class ParentLinkFilterMixin:
    """Filters on a page type's id reach the engine (recorded in core/wagtail_patches)."""

    def _get_filters_from_where_node(self, where_node, check_only=False):
        # modelsearch drops every filter on a parent-link column ("page_ptr_id"), and that is
        # where PracticePage.objects.filter(pk__in=ids) puts the ids: the engine then searched
        # every page, and an empty id list found them all. The ids filter the document's pk.
        target = getattr(getattr(where_node, "lhs", None), "target", None)
        lookup = getattr(where_node, "lookup_name", None)
        value = getattr(where_node, "rhs", None)
        if target is not None and target.attname.endswith("_ptr_id"):
            if lookup == "in" and isinstance(value, list | tuple | set | frozenset):
                if check_only:
                    return None
                if not value:
                    return {"bool": {"must_not": {"match_all": {}}}}  # nothing
                return {"terms": {"pk": sorted(str(pk) for pk in value)}}
            if lookup == "exact" and value is not None and not hasattr(value, "resolve_expression"):
                return None if check_only else {"term": {"pk": str(value)}}
        return super()._get_filters_from_where_node(where_node, check_only=check_only)


class LanguageQueryMixin(ParentLinkFilterMixin):
    language_analyzers: dict[str, str] = DEFAULT_LANGUAGE_ANALYZERS
    # Every word must match unless a query says otherwise, as on the database backend.
    DEFAULT_OPERATOR = "and"

    def _remap_fields(self, fields):
        remapped = super()._remap_fields(fields)
        extra = []
        for field in remapped:
            if _is_catch_all(field.field_name):
                extra.extend(
                    Field(f"{field.field_name}.{language}", field.boost)
                    for language in self.language_analyzers
                )
        return remapped + extra

    def _searches_everything(self, fields) -> bool:
        return not self.fields and any(_is_catch_all(f.field_name) for f in fields)

    def _compile_plaintext_query(self, query, fields, boost=1.0):
        if not self._searches_everything(fields):
            return super()._compile_plaintext_query(query, fields, boost)
        terms = text.analyse_query(query.query_string, _query_languages(query))
        if not terms:
            return {"bool": {"must_not": {"match_all": {}}}}
        stem_fields = [f"{name}^{weight * boost:g}" for name, weight in STEM_FIELDS.items()]
        clauses = [
            {"multi_match": {"query": " ".join(term.variants), "fields": stem_fields}}
            for term in terms
        ]
        if len(clauses) == 1:
            return clauses[0]
        if query.operator == "or":
            return {"bool": {"should": clauses, "minimum_should_match": 1}}
        return {"bool": {"must": clauses}}

    def _compile_phrase_query(self, query, fields):
        if not self._searches_everything(fields):
            return super()._compile_phrase_query(query, fields)
        alternatives = []
        for language in _query_languages(query):
            tokens = " ".join(text.analyse(query.query_string, language))
            if tokens and tokens not in alternatives:
                alternatives.append(tokens)
        if not alternatives:
            return {"bool": {"must_not": {"match_all": {}}}}
        return {
            "bool": {
                "should": [
                    {
                        "multi_match": {
                            "query": tokens,
                            "type": "phrase",
                            "fields": list(STEM_FIELDS),
                        }
                    }
                    for tokens in alternatives
                ],
                "minimum_should_match": 1,
            }
        }


class LanguageAutocompleteMixin(ParentLinkFilterMixin):
    """Prefixes of the title as Wagtail does it, plus whole words in their other forms
    ("mötesplatsen" suggests "Mötesplatser…"), as the database backend does."""

    def get_inner_query(self):
        inner = super().get_inner_query()
        if not isinstance(self.query, PlainText) or isinstance(self.query, Phrase):
            return inner
        terms = text.analyse_query(self.query.query_string, _query_languages(self.query))
        if not terms:
            return inner
        stems = {
            "bool": {
                "must": [{"match": {"_stems_title": " ".join(term.variants)}} for term in terms]
            }
        }
        return {"bool": {"should": [inner, stems], "minimum_should_match": 1}}


class LanguageResultsMixin:
    def hits(self, limit: int | None = None) -> list[tuple[int, float]]:
        """(pk, score) of the best `limit` matches, without loading model instances."""
        body = wagtail_patches.engine_search_body(self)
        response = wagtail_patches.engine_search(
            self,
            body,
            index=self.backend.get_index_for_model(self.query_compiler.queryset.model).name,
            _source=False,
            stored_fields="pk",
            size=min(limit or 10_000, 10_000),
        )
        return [
            (int(hit["fields"]["pk"][0]), float(hit.get("_score") or 0.0))
            for hit in response["hits"]["hits"]
        ]


def record_vocabulary(items) -> None:
    """Add the words of indexed objects to the "did you mean" vocabulary (search/suggest.py),
    as the database backend does when it indexes."""
    builder = DocumentBuilder()
    new_words: dict[tuple[str, str], str] = {}
    for obj in items:
        if obj is None:
            continue
        raw = builder.texts(obj)
        words = text.raw_words(" ".join(raw["title"] + raw["summary"] + raw["body"]))
        language = builder.language_of(obj)
        for folded, written in _vocabulary_entries(words).items():
            new_words.setdefault((language, folded), written)
    if new_words:
        SearchTerm.objects.bulk_create(
            [
                _vocabulary_term(language, folded, written, 1)
                for (language, folded), written in new_words.items()
            ],
            batch_size=500,
            ignore_conflicts=True,
        )


class VocabularyMixin:
    def add_item(self, item):
        super().add_item(item)
        record_vocabulary([item])

    def add_items(self, model, items):
        # Many-to-many RelatedFields (target groups…) read for the whole chunk at once, not
        # once per document and again for the vocabulary.
        items = [item for item in items if item is not None]
        _prefetch_related_fields(model, items)
        super().add_items(model, items)
        record_vocabulary(items)


class RefreshWritesMixin:
    """Makes every write visible to the next search at once (tests; costly in production)."""

    def add_item(self, item):
        super().add_item(item)
        self.refresh()

    def add_items(self, model, items):
        super().add_items(model, items)
        self.refresh()

    def delete_item(self, item):
        super().delete_item(item)
        self.refresh()


class LanguageBackendMixin:
    """Checks the analysers, binds the mixins above to the flavour's classes and takes the
    credentials (USERNAME, PASSWORD, VERIFY_CERTS, CA_CERTS) from the backend's parameters.
    REFRESH_WRITES makes writes searchable at once (for tests); BULK_TIMEOUT (seconds) is
    the timeout of indexing requests, TIMEOUT that of searches."""

    base_mapping_class: type
    base_query_compiler_class: type
    base_autocomplete_query_compiler_class: type

    def __init__(self, params: dict) -> None:
        params = dict(params)
        analyzers = params.pop("LANGUAGE_ANALYZERS", DEFAULT_LANGUAGE_ANALYZERS)
        username = params.pop("USERNAME", None)
        password = params.pop("PASSWORD", None)
        self.credentials = (username, password) if username and password else None
        self.verify_certs = bool(params.pop("VERIFY_CERTS", True))
        ca_certs = params.pop("CA_CERTS", None)
        refresh_writes = bool(params.pop("REFRESH_WRITES", False))
        # A bulk request of a rebuild (1,000 documents) may take far longer than a search.
        self.bulk_timeout = float(params.pop("BULK_TIMEOUT", 120))
        options = dict(params.get("OPTIONS") or {})
        options.update(self.client_security_options(ca_certs))
        params["OPTIONS"] = options
        super().__init__(params)
        defined = set(
            self.settings.get("settings", {}).get("analysis", {}).get("analyzer", {}).keys()
        )
        missing = sorted(({FOLDED_ANALYZER} | set(analyzers.values())) - defined)
        if missing:
            raise ImproperlyConfigured(
                "INDEX_SETTINGS must define the analysers "
                + ", ".join(missing)
                + " (see ELASTICSEARCH_INDEX_SETTINGS in platform_site/settings/base.py)."
            )
        self.language_analyzers = deepcopy(analyzers)
        mixins = (RefreshWritesMixin, VocabularyMixin) if refresh_writes else (VocabularyMixin,)
        self.index_class = type("LanguageIndex", (*mixins, self.index_class), {})
        # Classes bound to this backend's languages, so every index, query and mapping agrees.
        attrs = {"language_analyzers": self.language_analyzers}
        mapping = type("LanguageMapping", (LanguageMappingMixin, self.base_mapping_class), attrs)
        self.mapping_class = mapping
        self.query_compiler_class = type(
            "LanguageQueryCompiler",
            (LanguageQueryMixin, self.base_query_compiler_class),
            {**attrs, "mapping_class": mapping},
        )
        self.autocomplete_query_compiler_class = type(
            "LanguageAutocompleteQueryCompiler",
            (LanguageAutocompleteMixin, self.base_autocomplete_query_compiler_class),
            {"mapping_class": mapping},
        )

    def client_security_options(self, ca_certs: str | None) -> dict[str, Any]:
        """Client keyword arguments for credentials and TLS (differ between the clients)."""
        raise NotImplementedError

    def cluster_health(self) -> dict:
        """The cluster's health answer (status green/yellow/red, node counts)."""
        raise NotImplementedError

    def health(self) -> str:
        """ "ok" when green; "degraded: …" when a node or replica is missing but searches
        are answered; raises when the cluster cannot search (red or unreachable)."""
        health = self.cluster_health()
        status = health.get("status")
        nodes = health.get("number_of_nodes")
        if status == "green":
            return "ok"
        if status == "yellow":
            unassigned = health.get("unassigned_shards", 0)
            return f"degraded: yellow, {nodes} node(s), {unassigned} unassigned shard(s)"
        raise ConnectionError(f"the search cluster is {status} ({nodes} node(s))")
