"""Wagtail's Elasticsearch backend with our Swedish and English analysis (search/backends/
engine.py). The major version of the installed client picks Wagtail's Elasticsearch 8 or 9
classes. Needs the `elasticsearch` extra; ELASTICSEARCH_URL selects it."""

from __future__ import annotations

from typing import Any

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

from .engine import DEFAULT_LANGUAGE_ANALYZERS, FOLDED_ANALYZER, LanguageBackendMixin
from .engine import LanguageResultsMixin as _ResultsMixin

__all__ = ["DEFAULT_LANGUAGE_ANALYZERS", "FOLDED_ANALYZER", "LanguageSearchBackend"]


class LanguageResults(_ResultsMixin, BaseResults):
    pass


class LanguageSearchBackend(LanguageBackendMixin, BaseBackend):
    results_class = LanguageResults
    base_mapping_class = BaseMapping
    base_query_compiler_class = BaseQueryCompiler
    base_autocomplete_query_compiler_class = BaseAutocompleteQueryCompiler

    def client_security_options(self, ca_certs: str | None) -> dict[str, Any]:
        options: dict[str, Any] = {"verify_certs": self.verify_certs}
        if self.credentials:
            options["basic_auth"] = self.credentials
        if ca_certs:
            options["ca_certs"] = ca_certs
        return options

    def bulk(self, client, actions, **kwargs):
        return super().bulk(client.options(request_timeout=self.bulk_timeout), actions, **kwargs)

    def cluster_health(self) -> dict:
        return dict(self.es.options(request_timeout=2).cluster.health())


SearchBackend = LanguageSearchBackend
