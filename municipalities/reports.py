"""Wagtail's "Page types usage" report, without other municipalities' drafts.

For each page type the report names the page edited last, whoever's it is, with its draft
title: an editor of A saw the title of B's newest draft. Wagtail offers no hook on the report;
core/wagtail_patches/ makes it run ours (``PAGE_TYPES_USAGE_HOOK``), which is
``hide_other_drafts``, registered in wagtail_hooks.py.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .chooser import hide_unpublished_changes, workable_pages


def hide_other_drafts(page_types: Any, request: HttpRequest) -> Any:
    user = request.user
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
