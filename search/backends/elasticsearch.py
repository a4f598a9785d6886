"""Wagtail's Elasticsearch backend with a Swedish and an English analysis of every text.

Wagtail keeps one index per root model (all pages together), so documents cannot be split
by language. Instead every catch-all text field (`_all_text`, `_all_text_boost_*`) gets one
sub-field per content language (`_all_text.sv`, `_all_text.en`), analysed with that
language's stemmer after ASCII folding, and queries search all of them. A Swedish page is
thus found by its Swedish forms; the English sub-field of a Swedish page only adds matches
on words that the two analysers happen to treat alike, and the search is always filtered to
the reader's locale anyway.

The analysers are defined in settings.ELASTICSEARCH_INDEX_SETTINGS; the mapping refers to
them by the names given in LANGUAGE_ANALYZERS. The major version of the installed client
picks Wagtail's Elasticsearch 8 or 9 classes.
"""

from __future__ import annotations

from copy import deepcopy

from django.core.exceptions import ImproperlyConfigured
from elasticsearch import VERSION as CLIENT_VERSION

if CLIENT_VERSION[0] >= 9:
    from wagtail.search.backends.elasticsearch9 import (
        Elasticsearch9AutocompleteQueryCompiler as BaseAutocompleteQueryCompiler,
    )
    from wagtail.search.backends.elasticsearch9 import Elasticsearch9Mapping as BaseMapping
    from wagtail.search.backends.elasticsearch9 import (
        Elasticsearch9SearchBackend as BaseBackend,
    )
    from wagtail.search.backends.elasticsearch9 import (
        Elasticsearch9SearchQueryCompiler as BaseQueryCompiler,
    )
    from wagtail.search.backends.elasticsearch9 import (
        Elasticsearch9SearchResults as BaseResults,
    )
else:  # pragma: no cover - depends on the installed client
    from wagtail.search.backends.elasticsearch8 import (
        Elasticsearch8AutocompleteQueryCompiler as BaseAutocompleteQueryCompiler,
    )
    from wagtail.search.backends.elasticsearch8 import Elasticsearch8Mapping as BaseMapping
    from wagtail.search.backends.elasticsearch8 import (
        Elasticsearch8SearchBackend as BaseBackend,
    )
    from wagtail.search.backends.elasticsearch8 import (
        Elasticsearch8SearchQueryCompiler as BaseQueryCompiler,
    )
    from wagtail.search.backends.elasticsearch8 import (
        Elasticsearch8SearchResults as BaseResults,
    )

from modelsearch.backends.elasticsearchbase import Field

DEFAULT_LANGUAGE_ANALYZERS = {"sv": "swedish_folded", "en": "english_folded"}
#: Plain text (no stemming) is still folded, so "ornskoldsvik" finds "Örnsköldsvik".
FOLDED_ANALYZER = "folded"


def _is_catch_all(name: str) -> bool:
    return name == "_all_text" or name.startswith("_all_text_boost_")


class LanguageMappingMixin:
    language_analyzers: dict[str, str] = DEFAULT_LANGUAGE_ANALYZERS

    def get_mapping(self) -> dict:
        mapping = super().get_mapping()
        for name, definition in mapping["properties"].items():
            if _is_catch_all(name):
                definition["analyzer"] = FOLDED_ANALYZER
                definition["fields"] = {
                    language: {"type": "text", "analyzer": analyzer}
                    for language, analyzer in self.language_analyzers.items()
                }
        return mapping


class LanguageQueryMixin:
    language_analyzers: dict[str, str] = DEFAULT_LANGUAGE_ANALYZERS

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


class LanguageResults(BaseResults):
    def hits(self, limit: int | None = None) -> list[tuple[int, float]]:
        """(pk, score) of the best `limit` matches, without loading model instances."""
        body = self._get_es_body()
        response = self._backend_do_search(
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


class LanguageSearchBackend(BaseBackend):
    results_class = LanguageResults

    def __init__(self, params: dict) -> None:
        params = dict(params)
        analyzers = params.pop("LANGUAGE_ANALYZERS", DEFAULT_LANGUAGE_ANALYZERS)
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
        # Classes bound to this backend's languages, so every index, query and mapping agrees.
        attrs = {"language_analyzers": self.language_analyzers}
        mapping = type("LanguageMapping", (LanguageMappingMixin, BaseMapping), attrs)
        self.mapping_class = mapping
        self.query_compiler_class = type(
            "LanguageQueryCompiler",
            (LanguageQueryMixin, BaseQueryCompiler),
            {**attrs, "mapping_class": mapping},
        )
        self.autocomplete_query_compiler_class = type(
            "LanguageAutocompleteQueryCompiler",
            (BaseAutocompleteQueryCompiler,),
            {"mapping_class": mapping},
        )


SearchBackend = LanguageSearchBackend
