"""A Wagtail search backend for SQLite and PostgreSQL with per-language stemming.

Registered as WAGTAILSEARCH_BACKENDS["default"], so `update_index`, Wagtail's indexing on
save/publish/delete and every `.search()` / `.autocomplete()` (the public search, the admin's
page search and choosers) go through it.

Each indexed object becomes one SearchDocument whose text is already folded and
Snowball-stemmed in the object's own language (search/text.py). The databases then only
match and rank plain tokens:

* SQLite: an FTS5 table; bm25() with column weights title 10, summary 4, body 1.
* PostgreSQL: a tsvector built with the 'simple' configuration (weights A/B/D) and a GIN
  index; ts_rank() with weights 1.0 / 0.4 / 0.1.

A query is analysed by the same pipeline, in the reader's language when it is known
(`search.query.LocalizedText`), otherwise in every content language at once.

Matching and ranking happen in one statement that returns (object id, score) pairs; the
queryset being searched (live, locale, permissions…) is applied as `object_id IN
(subquery)`. Unlike Wagtail's SQLite backend there is no per-row subquery for the score, so
the cost grows with the number of hits, not with its square.

The modules: `query` (Wagtail's query objects as a small tree, and the query compilers),
`sqlite` and `postgres` (the dialects: how a tree becomes SQL on each database), `results`
(the statement that matches and ranks, and the results), `documents` (document ids, their
text and vocabulary), `indexing` (index and rebuild) and `backend` (the backend class).
Settings name only this package; Wagtail loads `SearchBackend` from it.
"""

from .backend import SearchBackend

__all__ = ["SearchBackend"]
