"""The page chooser, kept to what a user may see.

Editors may link to any published page, so the chooser lists every live page; unpublished pages
only where the user may work (add, change or publish). For a live page the user may not edit,
the chooser shows what is published (its title and status), not the draft somebody else is
writing: Wagtail's chooser otherwise shows ``draft_title`` and "live + draft".

Wagtail's browse and search views run the ``construct_page_chooser_queryset`` hook (see
wagtail_hooks.py), but not on the page being browsed, and its "chosen multiple" view runs no
hook at all; ``install()`` closes those two gaps in the views themselves.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.views import chooser
from wagtail.models import Page
from wagtail.permissions import policy_registry

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
        if parent is not None and not hasattr(page, "_cached_parent_obj"):
            page._cached_parent_obj = parent


def _has_draft(page: Page) -> bool:
    return page.has_unpublished_changes or (page.draft_title or page.title) != page.title


def _parents_of(pages: list[Page]) -> dict[str, Page]:
    paths = {page.path[: -page.steplen] for page in pages if page.depth > 1}
    if not paths:
        return {}
    return {parent.path: parent for parent in Page.objects.filter(path__in=paths)}


class _PublishedViewMixin:
    """A page queryset whose results pass through ``hide_unpublished_changes``.

    It survives chaining (filter, specific, pagination, search), since Django clones a
    queryset with its own class.
    """

    _chooser_user: Any = None

    def _clone(self) -> Any:
        clone = super()._clone()
        clone._chooser_user = self._chooser_user
        return clone

    def _fetch_all(self) -> None:
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._chooser_user is not None:
            hide_unpublished_changes(self._result_cache, self._chooser_user)


@functools.cache
def _published_view_class(queryset_class: type) -> type:
    return type(
        f"PublishedView{queryset_class.__name__}", (_PublishedViewMixin, queryset_class), {}
    )


def scope_chooser_pages(pages: QuerySet[Page], user: Any) -> QuerySet[Page]:
    """Live pages, plus unpublished ones the user may work on; drafts of others hidden."""
    if user.is_superuser:
        return pages
    pages = pages.filter(Q(live=True) | Q(pk__in=workable_pages(user).values("pk")))
    pages.__class__ = _published_view_class(type(pages))
    pages._chooser_user = user
    return pages


def may_browse(page: Page, user: Any) -> bool:
    if user.is_superuser or page.live or page.is_root():
        return True
    return workable_pages(user).filter(pk=page.pk).exists()


# --- The two views Wagtail leaves without a hook --------------------------------------------

_original_get_object_list = chooser.BrowseView.get_object_list


def _browse_get_object_list(self: chooser.BrowseView) -> QuerySet[Page]:
    # Called once the page being browsed (shown at the top, choosable) has been loaded.
    user = self.request.user
    if not may_browse(self.parent_page, user):
        raise Http404
    hide_unpublished_changes([self.parent_page], user)
    return _original_get_object_list(self)


def _chosen_multiple_get(self: chooser.ChosenMultipleView, request: HttpRequest) -> HttpResponse:
    """Wagtail's view, with the pages passed through the chooser's queryset hooks."""
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


def install() -> None:
    """Put the scoping into Wagtail's page chooser views (once, from AppConfig.ready)."""
    chooser.BrowseView.get_object_list = _browse_get_object_list
    chooser.ChosenMultipleView.get = _chosen_multiple_get
