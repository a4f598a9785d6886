"""The backend class that WAGTAILSEARCH_BACKENDS loads (as `SearchBackend`)."""

from __future__ import annotations

from django.db.models import Model
from wagtail.search.backends.base import BaseSearchBackend

from .indexing import DatabaseIndex, DatabaseRebuilder
from .query import AutocompleteQueryCompiler, SearchQueryCompiler
from .results import DatabaseSearchResults


class SearchBackendUnavailable(Exception):
    """The search service cannot answer right now (the view turns this into a 503 page)."""


class DatabaseSearchBackend(BaseSearchBackend):
    query_compiler_class = SearchQueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
    results_class = DatabaseSearchResults
    index_class = DatabaseIndex
    rebuilder_class = DatabaseRebuilder

    def __init__(self, params: dict) -> None:
        super().__init__(params)
        self._index: DatabaseIndex | None = None

    def get_index_for_model(self, model: type[Model]) -> DatabaseIndex:
        # One index for every model; a single instance keeps its rebuild state together.
        if self._index is None:
            self._index = self.index_class(self)
        return self._index


SearchBackend = DatabaseSearchBackend
