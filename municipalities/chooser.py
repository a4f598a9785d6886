"""The page chooser, kept to what a user may see.

Editors may link to any published page, so the chooser lists every live page; unpublished pages
only where the user may work (add, change or publish). For a live page the user may not edit,
the chooser shows what is published (its title and status), not the draft somebody else is
writing: Wagtail's chooser otherwise shows ``draft_title`` and "live + draft".

Wagtail's browse and search views run the ``construct_page_chooser_queryset`` hook (see
wagtail_hooks.py), but not on the page being browsed, and its "chosen multiple" view runs no
hook at all; core/wagtail_patches/ closes those two gaps, and ``check_browsed_page`` is the
hook it runs on the page being browsed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from wagtail.models import Page
from wagtail.permissions import policy_registry

from core import wagtail_patches

WORK_ACTIONS = ("add", "change", "publish")


def workable_pages(user: Any) -> QuerySet[Page]:
    """The pages a user may work on, drafts included."""
    return policy_registry.get_by_type(Page).instances_user_has_any_permission_for(
        user, set(WORK_ACTIONS)
    )


def hide_unpublished_changes(pages: Iterable[Any], user: Any) -> None:
    """Show live pages the user may not edit as published, without the pending draft.

    Changes the instances in memory only (they are for display and never saved). Their
    parents, which the chooser's search results show, are loaded and treated the same way.
    """
    if user.is_superuser:
        return
    pages = [page for page in pages if isinstance(page, Page)]
    parents_by_path = _parents_of(pages)
    everything = pages + list(parents_by_path.values())
    candidates = {page.pk for page in everything if _has_draft(page)}
    if candidates:
        workable = set(workable_pages(user).filter(pk__in=candidates).values_list("pk", flat=True))
        for page in everything:
            if page.pk in candidates and page.pk not in workable:
                page.draft_title = page.title
                page.has_unpublished_changes = False
                page.latest_revision_created_at = page.last_published_at
    for page in pages:
        parent = parents_by_path.get(page.path[: -page.steplen])
        if parent is not None:
            wagtail_patches.prime_parent(page, parent)


def _has_draft(page: Page) -> bool:
    return page.has_unpublished_changes or (page.draft_title or page.title) != page.title


def _parents_of(pages: list[Page]) -> dict[str, Page]:
    paths = {page.path[: -page.steplen] for page in pages if page.depth > 1}
    if not paths:
        return {}
    return {parent.path: parent for parent in Page.objects.filter(path__in=paths)}


def scope_chooser_pages(pages: QuerySet[Page], user: Any) -> QuerySet[Page]:
    """Live pages, plus unpublished ones the user may work on; drafts of others hidden."""
    if user.is_superuser:
        return pages
    pages = pages.filter(Q(live=True) | Q(pk__in=workable_pages(user).values("pk")))
    return wagtail_patches.on_fetch(pages, lambda rows: hide_unpublished_changes(rows, user))


def may_browse(page: Page, user: Any) -> bool:
    if user.is_superuser or page.live or page.is_root():
        return True
    return workable_pages(user).filter(pk=page.pk).exists()


def check_browsed_page(page: Page, request: HttpRequest) -> None:
    """The page the chooser is browsing (shown at the top, choosable), like its children."""
    user = request.user
    if not may_browse(page, user):
        raise Http404
    hide_unpublished_changes([page], user)
