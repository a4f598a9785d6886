"""Private APIs of Wagtail, modelsearch and Django, called through these functions only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail import hooks


def find_site_for_request(request: HttpRequest) -> Any:
    """Wagtail's uncached site lookup (``Site.find_for_request`` stores its answer on the
    request, which is what we want to fill from our cache instead)."""
    from wagtail.models import Site

    return Site._find_for_request(request)


def request_site_known(request: HttpRequest) -> bool:
    return hasattr(request, "_wagtail_site")


def remember_request_site(request: HttpRequest, site: Any) -> None:
    """Where ``Site.find_for_request`` looks before it queries."""
    request._wagtail_site = site


def replace_registered_hook(name: str, original: Callable, replacement: Callable) -> None:
    """Put ``replacement`` where ``original`` is registered for hook ``name``, same order.

    Idempotent. Wagtail has no API to unregister a hook function another app registered.
    """
    registered = hooks._hooks.get(name, [])
    for index, (fn, order) in enumerate(registered):
        if fn is original:
            registered[index] = (replacement, order)


def prime_parent(page: Any, parent: Any) -> None:
    """Let ``page.get_parent()`` return ``parent`` without a query (Wagtail's own cache)."""
    if not hasattr(page, "_cached_parent_obj"):
        page._cached_parent_obj = parent


class _FetchCallbackMixin:
    """A queryset that hands its results to a callback once fetched, however it is chained
    (filter, specific, pagination, search): Django clones a queryset with its own class."""

    _fetch_callback: Callable[[list], None] | None = None

    def _clone(self) -> Any:
        clone = super()._clone()
        clone._fetch_callback = self._fetch_callback
        return clone

    def _fetch_all(self) -> None:
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._fetch_callback is not None:
            self._fetch_callback(self._result_cache)


_fetch_callback_classes: dict[type, type] = {}


def on_fetch(queryset: QuerySet, callback: Callable[[list], None]) -> QuerySet:
    """``queryset``, whose rows pass through ``callback(rows)`` when they are loaded.

    Django has no public hook on a queryset's evaluation; Wagtail's chooser paginates and
    searches the queryset itself, so the rows cannot be post-processed anywhere else.
    """
    base = type(queryset)
    if base not in _fetch_callback_classes:
        _fetch_callback_classes[base] = type(
            f"OnFetch{base.__name__}", (_FetchCallbackMixin, base), {}
        )
    queryset.__class__ = _fetch_callback_classes[base]
    queryset._fetch_callback = callback
    return queryset


def check_queryset_filters(compiler: Any) -> None:
    """modelsearch's check that a searched queryset filters on indexed fields only (raises
    FilterFieldError), without building the filters."""
    compiler._get_filters_from_queryset(check_only=True)


def filterable_field(compiler: Any, field_name: str) -> Any:
    """modelsearch's lookup of a filter field by name (None if the model has no such field)."""
    return compiler._get_filterable_field(field_name)


def score_field(results: Any) -> str | None:
    """The attribute ``annotate_score()`` asked the results to put each object's score in."""
    return results._score_field


def engine_search_body(results: Any) -> dict:
    """The request body modelsearch's Elasticsearch/OpenSearch results would send."""
    return results._get_es_body()


def engine_search(results: Any, body: dict, **kwargs: Any) -> Any:
    """modelsearch's search call of those results (client flavour handled there)."""
    return results._backend_do_search(body, **kwargs)


def raw_delete(queryset: QuerySet, using: str) -> None:
    """One DELETE statement, without Django's collector (no signals, no cascades: the search
    index tables have neither)."""
    queryset._raw_delete(using=using)


def set_image_file_metadata(image: Any) -> None:
    """What Wagtail's upload form does: the file's size and hash (for duplicate detection)."""
    image._set_image_file_metadata()


def user_in_task_groups(task: Any, user: Any) -> bool:
    """Whether ``user`` is in one of a GroupApprovalTask's groups (as Wagtail checks it)."""
    return task._user_in_groups(user)


def collection_permission(policy: Any, user: Any, actions: list[str], collection: Any) -> bool:
    """Wagtail's collection policy: may ``user`` do one of ``actions`` in ``collection``
    (or a collection above it)? Public only per instance, which is what we are deciding."""
    return policy._check_perm(user, actions, collection=collection)


def collections_with_permission(policy: Any, user: Any, actions: list[str]) -> Any:
    """The collections (with their descendants) where ``user`` may do one of ``actions``."""
    return policy._collections_with_perm(user, actions)


def convert_api_fields(viewset: Any, fields: list) -> list:
    """Wagtail's API viewsets turn names and APIField objects into the fields they serve;
    overriding get_body_fields (public) needs the same conversion, which is not public."""
    return viewset._convert_api_fields(fields)
