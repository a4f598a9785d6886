"""Wagtail's "Page types usage" report, without other municipalities' drafts.

For each page type the report names the page edited last, whoever's it is, with its draft
title: an editor of A saw the title of B's newest draft. Wagtail offers no hook on the report
and its URL cannot be shadowed from ``register_admin_urls`` (its own patterns come first), so
``install()`` (AppConfig.ready) wraps ``PageTypesUsageReportView.decorate_paginated_queryset``;
tests/municipalities/test_permissions_admin_routes.py checks that the wrapper is in place.
"""

from __future__ import annotations

from typing import Any

from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView

from .chooser import hide_unpublished_changes, workable_pages

_original_decorate = PageTypesUsageReportView.decorate_paginated_queryset


def _decorate_paginated_queryset(self: PageTypesUsageReportView, page_types: Any) -> Any:
    page_types = _original_decorate(self, page_types)
    user = self.request.user
    if user.is_superuser:
        return page_types
    pages = [item.last_edited_page for item in page_types if item.last_edited_page is not None]
    workable = set(
        workable_pages(user).filter(pk__in=[p.pk for p in pages]).values_list("pk", flat=True)
    )
    for item in page_types:
        page = item.last_edited_page
        if page is None or page.pk in workable:
            continue
        if page.live:
            hide_unpublished_changes([page], user)  # its published title, not the draft's
        else:
            item.last_edited_page = None
    return page_types


def install() -> None:
    PageTypesUsageReportView.decorate_paginated_queryset = _decorate_paginated_queryset
