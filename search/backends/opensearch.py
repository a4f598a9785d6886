"""Wagtail's OpenSearch 2 backend (modelsearch's opensearch2, client `opensearch-py>=2,<3`)
with our Swedish and English analysis (search/backends/engine.py). Needs the `opensearch`
extra; OPENSEARCH_URL selects it."""

from __future__ import annotations

from typing import Any

from wagtail.search.backends.opensearch2 import (
    OpenSearch2AutocompleteQueryCompiler,
    OpenSearch2Mapping,
    OpenSearch2SearchBackend,
    OpenSearch2SearchQueryCompiler,
    OpenSearch2SearchResults,
)

from .engine import LanguageBackendMixin, LanguageResultsMixin


class LanguageResults(LanguageResultsMixin, OpenSearch2SearchResults):
    pass


class LanguageSearchBackend(LanguageBackendMixin, OpenSearch2SearchBackend):
    results_class = LanguageResults
    base_mapping_class = OpenSearch2Mapping
    base_query_compiler_class = OpenSearch2SearchQueryCompiler
    base_autocomplete_query_compiler_class = OpenSearch2AutocompleteQueryCompiler

    def client_security_options(self, ca_certs: str | None) -> dict[str, Any]:
        return {"ca_certs": ca_certs} if ca_certs else {}

    def _get_host_config_from_url(self, url):
        # opensearch-py takes credentials and certificate checks per host; the host's own
        # settings override the client's, so they are set here.
        host = super()._get_host_config_from_url(url)
        if self.credentials and not host.get("http_auth"):
            host["http_auth"] = self.credentials
        if host.get("use_ssl"):
            host["verify_certs"] = self.verify_certs
        return host

    def bulk(self, client, actions, **kwargs):
        return super().bulk(client, actions, request_timeout=self.bulk_timeout, **kwargs)

    def cluster_health(self) -> dict:
        return dict(self.es.cluster.health(params={"request_timeout": 2}))


SearchBackend = LanguageSearchBackend
