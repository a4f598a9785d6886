"""Every patch of Wagtail (and of Django or wagtail-localize), and every private API we use.

Nothing else in the project replaces an attribute of theirs or reads a name of theirs that
starts with an underscore: it calls the functions here. Each entry of ``DEPENDENCIES`` names
the upstream code it relies on, a fingerprint of that code as we read it, and what upstream
would have to offer for the entry to go. tests/core/test_wagtail_patches.py fails when an
upgrade changes any of that code, so that someone reads it again before the upgrade ships
(then updates the fingerprint: ``python -m core.wagtail_patches`` prints them).

The patches are in views.py, the private calls in private.py; this module is the record.

Patches are applied once, from ``CoreConfig.ready()``. Where a patch needs a higher app's rules
(the page chooser's and the report's scoping, in ``municipalities``), it makes Wagtail call a
hook of ours, which that app registers in its ``wagtail_hooks.py``: this module imports no
project app.
"""

from __future__ import annotations

from .private import (
    check_queryset_filters,
    collection_permission,
    collections_with_permission,
    convert_api_fields,
    engine_search,
    engine_search_body,
    filterable_field,
    find_site_for_request,
    on_fetch,
    prime_parent,
    raw_delete,
    remember_request_site,
    replace_registered_hook,
    request_site_known,
    score_field,
    set_image_file_metadata,
    user_in_task_groups,
)
from .record import Dependency, _originals, fingerprint, resolve
from .views import (
    LOOKUP_ERRORS,
    PAGE_CHOOSER_BROWSE_HOOK,
    PAGE_TYPES_USAGE_HOOK,
    _patch_chooser_widget,
    _patch_chosen_view,
    _patch_page_chooser_browse,
    _patch_page_chooser_chosen_multiple,
    _patch_page_copy,
    _patch_page_types_usage_report,
    _patch_workflow_pages_pagination,
)

__all__ = [
    "DEPENDENCIES",
    "LOOKUP_ERRORS",
    "PAGE_CHOOSER_BROWSE_HOOK",
    "PAGE_TYPES_USAGE_HOOK",
    "Dependency",
    "apply",
    "check_queryset_filters",
    "collection_permission",
    "collections_with_permission",
    "convert_api_fields",
    "engine_search",
    "engine_search_body",
    "filterable_field",
    "find_site_for_request",
    "fingerprint",
    "on_fetch",
    "prime_parent",
    "raw_delete",
    "remember_request_site",
    "replace_registered_hook",
    "request_site_known",
    "resolve",
    "score_field",
    "set_image_file_metadata",
    "user_in_task_groups",
]

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
        "modelsearch.backends.base.BaseSearchQueryCompiler._get_filters_from_where_node",
        "ee45ddf65483ce89",
        "modelsearch filtering on a parent-link column (pk__in on a page type) instead of "
        "dropping it: search/backends/engine.py ParentLinkFilterMixin overrides it",
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
    # Shadowed, not patched: municipalities/wagtail_hooks.py serves scoped views on the paths of
    # these (tests/municipalities/test_wagtail_hooks_localize_urls.py checks the paths still match).
    Dependency(
        "wagtail_localize.views.convert.convert_to_alias",
        "71b62d633d68c9f8",
        "a permission check of its own for 'convert to alias' (it asks only for change)",
    ),
    Dependency(
        "wagtail_localize.views.submit_translations.SubmitPageTranslationView",
        "d6d2af5e18d6052c",
        "submit-for-translation honouring the page's view permissions",
    ),
    Dependency(
        "wagtail_localize.views.snippets_api.SnippetViewSet",
        "f55a060d5ae29f6d",
        "a snippets API that filters by the user's permissions",
    ),
    Dependency(
        "wagtail_localize.views.report.TranslationsReportView",
        "848b6255f24f8f18",
        "a translations report limited to what the user may edit",
    ),
)


def apply() -> None:
    """Apply every patch, once per process however often ready() runs."""
    for dependency in DEPENDENCIES:
        if dependency.patch is not None and dependency.target not in _originals:
            dependency.patch()
