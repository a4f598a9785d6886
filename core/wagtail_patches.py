"""Every patch of Wagtail (and of Django or wagtail-localize), and every private API we use.

Nothing else in the project replaces an attribute of theirs or reads a name of theirs that
starts with an underscore: it calls the functions here. Each entry of ``DEPENDENCIES`` names
the upstream code it relies on, a fingerprint of that code as we read it, and what upstream
would have to offer for the entry to go. tests/core/test_wagtail_patches.py fails when an
upgrade changes any of that code, so that someone reads it again before the upgrade ships
(then updates the fingerprint: ``python -m core.wagtail_patches`` prints them).

Patches are applied once, from ``CoreConfig.ready()``. Where a patch needs a higher app's rules
(the page chooser's and the report's scoping, in ``municipalities``), it makes Wagtail call a
hook of ours, which that app registers in its ``wagtail_hooks.py``: this module imports no
project app.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.core.exceptions import BadRequest, ObjectDoesNotExist, ValidationError
from django.core.paginator import InvalidPage
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from wagtail import hooks

# A value that cannot be a primary key of the model at all.
LOOKUP_ERRORS = (ValueError, TypeError, OverflowError, ValidationError)

# Our hooks, run by the patched views below (registered with wagtail.hooks like Wagtail's own).
# fn(parent_page, request): may raise Http404 or change the page shown at the top of the chooser.
PAGE_CHOOSER_BROWSE_HOOK = "before_page_chooser_browse"
# fn(rows, request) -> rows: the "Page types usage" report's rows, before they are shown.
PAGE_TYPES_USAGE_HOOK = "construct_page_types_usage_report"


@dataclass(frozen=True)
class Dependency:
    """Upstream code we patch or call although it is not public API."""

    target: str  # dotted path of the upstream function, method or class
    fingerprint: str  # sha256 of its source (first 16 hex digits) when we last read it
    drop_when: str  # the upstream change that would let us remove this entry
    patch: Callable[[], None] | None = None  # replaces the target; None: we only call it


_originals: dict[str, Any] = {}


def _replace(target: str, make: Callable[[Any], Any]) -> None:
    """Set ``target`` (module.Class.attribute) to ``make(original)``, remembering the original."""
    module_name, class_name, attribute = target.rsplit(".", 2)
    owner = getattr(import_module(module_name), class_name)
    original = _originals.setdefault(target, getattr(owner, attribute))
    setattr(owner, attribute, make(original))


def resolve(target: str) -> Any:
    """The upstream object at ``target``: the original if we have patched it."""
    if target in _originals:
        return _originals[target]
    module_name, _, name = target.rpartition(".")
    try:
        return getattr(import_module(module_name), name)
    except ModuleNotFoundError:
        owner_module, _, owner_name = module_name.rpartition(".")
        return getattr(getattr(import_module(owner_module), owner_name), name)


def fingerprint(target: str) -> str:
    source = inspect.getsource(resolve(target))
    return hashlib.sha256(inspect.cleandoc(source).encode()).hexdigest()[:16]


# --- Patches: malformed ids are a 400/404, not a server error ---------------------------------
# Upstream: the chooser lookups catch only DoesNotExist, not the ValueError a non-numeric id
# raises; the copy view looks the destination up before its form validates it; the workflow
# editor calls int() on ?p= unguarded.


def _patch_chooser_widget() -> None:
    def make(original: Any) -> Any:
        def get_instance(self: Any, value: Any) -> Any:
            """A form re-rendered with a posted id like "abc" shows an empty chooser."""
            try:
                return original(self, value)
            except LOOKUP_ERRORS:
                return None

        return get_instance

    _replace("wagtail.admin.widgets.chooser.BaseChooser.get_instance", make)


def _patch_chosen_view() -> None:
    def make(original: Any) -> Any:
        def get(self: Any, request: Any, pk: Any) -> Any:
            """/chooser/chosen/<not an id>/ is "not found", whatever get_object a subclass has."""
            try:
                return original(self, request, pk)
            except LOOKUP_ERRORS as exc:
                raise Http404(str(exc)) from exc

        return get

    _replace("wagtail.admin.views.generic.chooser.ChosenViewMixin.get", make)


def _patch_page_copy() -> None:
    from wagtail.models import Page

    def make(original: Any) -> Any:
        def post(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
            """Wagtail looks the destination up with Page.objects.get(id=request.POST[...])
            before the form validates it: a missing, non-numeric or unknown id is a bad
            request."""
            try:
                Page.objects.only("pk").get(id=request.POST["new_parent_page"])
            except (KeyError, *LOOKUP_ERRORS, ObjectDoesNotExist) as exc:
                raise BadRequest(str(exc)) from exc
            return original(self, request, *args, **kwargs)

        return post

    _replace("wagtail.admin.views.pages.copy.CopyView.post", make)


def _patch_workflow_pages_pagination() -> None:
    def make(original: Any) -> Any:
        def get_paginated_pages(self: Any) -> Any:
            """?p=abc or a page past the end shows the first page of the workflow's pages."""
            try:
                return original(self)
            except (ValueError, InvalidPage):
                query = self.request.GET.copy()
                query["p"] = "1"
                self.request.GET = query
                return original(self)

        return get_paginated_pages

    _replace("wagtail.admin.views.workflows.Edit.get_paginated_pages", make)


# --- Patches: hooks where Wagtail runs none ----------------------------------------------------


def _patch_page_chooser_browse() -> None:
    def make(original: Any) -> Any:
        def get_object_list(self: Any) -> Any:
            """Wagtail runs construct_page_chooser_queryset on the children listed, not on the
            page being browsed (shown at the top, choosable): our hook sees that one."""
            for hook in hooks.get_hooks(PAGE_CHOOSER_BROWSE_HOOK):
                hook(self.parent_page, self.request)
            return original(self)

        return get_object_list

    _replace("wagtail.admin.views.chooser.BrowseView.get_object_list", make)


def _patch_page_chooser_chosen_multiple() -> None:
    def make(original: Any) -> Any:
        def get(self: Any, request: HttpRequest) -> HttpResponse:
            """Wagtail's view, with the pages passed through the chooser's queryset hooks."""
            from wagtail.admin.modal_workflow import render_modal_workflow
            from wagtail.models import Page

            pks = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
            pages = Page.objects.filter(pk__in=pks)
            for hook in hooks.get_hooks("construct_page_chooser_queryset"):
                pages = hook(pages, request)
            result = [
                {
                    "id": page.pk,
                    "parentId": page.get_parent().pk,
                    "adminTitle": page.get_admin_display_title(),
                    "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                    "url": page.url,
                }
                for page in pages.specific()
            ]
            return render_modal_workflow(
                request, None, None, None, json_data={"step": "page_chosen", "result": result}
            )

        return get

    _replace("wagtail.admin.views.chooser.ChosenMultipleView.get", make)


def _patch_page_types_usage_report() -> None:
    def make(original: Any) -> Any:
        def decorate_paginated_queryset(self: Any, page_types: Any) -> Any:
            """Wagtail offers no hook on this report, and its URL cannot be shadowed from
            register_admin_urls (its own patterns come first)."""
            page_types = original(self, page_types)
            for hook in hooks.get_hooks(PAGE_TYPES_USAGE_HOOK):
                page_types = hook(page_types, self.request)
            return page_types

        return decorate_paginated_queryset

    _replace(
        "wagtail.admin.views.reports.page_types_usage.PageTypesUsageReportView"
        ".decorate_paginated_queryset",
        make,
    )


# --- Private APIs, called through these functions only -------------------------------------


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


# --- The record ---------------------------------------------------------------------------

DEPENDENCIES: tuple[Dependency, ...] = (
    Dependency(
        "wagtail.admin.widgets.chooser.BaseChooser.get_instance",
        "0d81646e3966580c",
        "the chooser widget treating a malformed id like a missing one (ValueError/TypeError)",
        _patch_chooser_widget,
    ),
    Dependency(
        "wagtail.admin.views.generic.chooser.ChosenViewMixin.get",
        "b87eac5df45d0271",
        "the generic chosen view answering 404 for a malformed id",
        _patch_chosen_view,
    ),
    Dependency(
        "wagtail.admin.views.pages.copy.CopyView.post",
        "d05351338be26a01",
        "the copy view validating new_parent_page before looking it up",
        _patch_page_copy,
    ),
    Dependency(
        "wagtail.admin.views.workflows.Edit.get_paginated_pages",
        "a82f1218924bd0e4",
        "the workflow editor tolerating a malformed ?p= (as Wagtail's listings do)",
        _patch_workflow_pages_pagination,
    ),
    Dependency(
        "wagtail.admin.views.chooser.BrowseView.get_object_list",
        "a87592a9263fdce3",
        "the page chooser running construct_page_chooser_queryset (or a hook) on the parent page",
        _patch_page_chooser_browse,
    ),
    Dependency(
        "wagtail.admin.views.chooser.ChosenMultipleView.get",
        "ea97146516cce103",
        "the page chooser's chosen-multiple view running construct_page_chooser_queryset",
        _patch_page_chooser_chosen_multiple,
    ),
    Dependency(
        "wagtail.admin.views.reports.page_types_usage.PageTypesUsageReportView"
        ".decorate_paginated_queryset",
        "dca7780062abb836",
        "a hook (or a permission-aware queryset) for the page types usage report",
        _patch_page_types_usage_report,
    ),
    Dependency(
        "wagtail.models.sites.Site._find_for_request",
        "465dd13c6dcfa969",
        "a public, pluggable site lookup (e.g. a cached Site.find_for_request)",
    ),
    Dependency(
        "wagtail.models.sites.Site.find_for_request",
        "9639d23a8021ead0",
        "(we rely on it caching the site in request._wagtail_site)",
    ),
    Dependency(
        "wagtail.hooks.register",
        "1fb512fa0851a973",
        "a way to unregister or replace another app's hook function (wagtail.hooks._hooks)",
    ),
    Dependency(
        "wagtail.models.pages.Page.get_parent",
        "71905e4299aecb29",
        "a public way to prime a page's parent (it caches it in _cached_parent_obj)",
    ),
    Dependency(
        "django.db.models.query.QuerySet._fetch_all",
        "a7189c4f3827dac1",
        "a hook on queryset evaluation, or a chooser hook on the rows it shows",
    ),
    Dependency(
        "django.db.models.query.QuerySet._clone",
        "7bbeb77bbf96fd6f",
        "(with _fetch_all: the subclass must survive chaining)",
    ),
    Dependency(
        "modelsearch.backends.base.BaseSearchQueryCompiler._get_filters_from_queryset",
        "2572b2c48cb30db8",
        "a public check of a queryset's filter fields in modelsearch",
    ),
    Dependency(
        "modelsearch.backends.base.BaseSearchQueryCompiler._get_filterable_field",
        "e659e720eb9994b8",
        "a public lookup of a filter field in modelsearch",
    ),
    Dependency(
        "modelsearch.backends.base.BaseSearchResults.annotate_score",
        "9e0379d8c574ced4",
        "a public accessor of the score attribute (_score_field)",
    ),
    Dependency(
        "modelsearch.backends.elasticsearchbase.ElasticsearchBaseSearchResults._get_es_body",
        "111de997e525e95c",
        "a public way to run a query for (pk, score) pairs only",
    ),
    Dependency(
        "modelsearch.backends.elasticsearchbase.ElasticsearchBaseSearchResults._backend_do_search",
        "7db9780b7d9a0339",
        "(with _get_es_body)",
    ),
    Dependency(
        "django.db.models.query.QuerySet._raw_delete",
        "afbe3c8cfafb2cfe",
        "a public fast delete (QuerySet.delete() collects rows and sends signals)",
    ),
    Dependency(
        "wagtail.images.models.AbstractImage._set_image_file_metadata",
        "c7f65d12a8aebe5b",
        "a public method to fill an image's file size and hash outside the upload form",
    ),
    Dependency(
        "wagtail.models.workflows.GroupApprovalTask._user_in_groups",
        "1c802140f814d891",
        "a public check of a task's groups",
    ),
    Dependency(
        "wagtail.permission_policies.collections.CollectionPermissionLookupMixin._check_perm",
        "fd574f086733bcfe",
        "a public per-collection permission check on the collection policies",
    ),
    Dependency(
        "wagtail.permission_policies.collections.CollectionPermissionLookupMixin"
        "._collections_with_perm",
        "6c8e9b6cdfab8218",
        "a public 'collections where the user may' on the collection policies",
    ),
    Dependency(
        "wagtail.api.v2.views.BaseAPIViewSet._convert_api_fields",
        "8a184f7105a4fcd2",
        "a public conversion of api_fields (or a hook to add fields per model)",
    ),
)


def apply() -> None:
    """Apply every patch, once per process however often ready() runs."""
    for dependency in DEPENDENCIES:
        if dependency.patch is not None and dependency.target not in _originals:
            dependency.patch()


if __name__ == "__main__":  # python -m core.wagtail_patches: the current fingerprints
    import os
    import sys

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_site.settings.dev")
    django.setup()
    # The module the apps imported (and patched through), not this __main__ copy of it.
    patches = import_module("core.wagtail_patches")
    for dependency in patches.DEPENDENCIES:
        sys.stdout.write(f"{patches.fingerprint(dependency.target)}  {dependency.target}\n")
