"""Patches of Wagtail admin internals that answer malformed ids with a server error.

Each one is small, applied once from PlatformSiteConfig.ready(), and guarded by
tests/core/test_bad_input.py::test_wagtail_patches_still_apply, which fails when an
upgrade renames what is patched. Drop them when Wagtail catches these errors itself (upstream:
the chooser lookups catch only DoesNotExist, not the ValueError a non-numeric id raises; the
workflow editor calls int() on ?p= unguarded).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import BadRequest, ObjectDoesNotExist, ValidationError
from django.core.paginator import InvalidPage
from django.http import Http404

# A value that cannot be a primary key of the model at all.
LOOKUP_ERRORS = (ValueError, TypeError, OverflowError, ValidationError)


def _patch_chooser_widget() -> None:
    from wagtail.admin.widgets.chooser import BaseChooser

    original = BaseChooser.get_instance

    def get_instance(self: Any, value: Any) -> Any:
        """A form re-rendered with a posted id like "abc" shows an empty chooser."""
        try:
            return original(self, value)
        except LOOKUP_ERRORS:
            return None

    BaseChooser.get_instance = get_instance


def _patch_chosen_view() -> None:
    from wagtail.admin.views.generic.chooser import ChosenViewMixin

    original = ChosenViewMixin.get

    def get(self: Any, request: Any, pk: Any) -> Any:
        """/chooser/chosen/<not an id>/ is "not found", whatever get_object a subclass has."""
        try:
            return original(self, request, pk)
        except LOOKUP_ERRORS as exc:
            raise Http404(str(exc)) from exc

    ChosenViewMixin.get = get


def _patch_page_copy() -> None:
    from wagtail.admin.views.pages.copy import CopyView
    from wagtail.models import Page

    original = CopyView.post

    def post(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        """Wagtail looks the destination up with Page.objects.get(id=request.POST[...]) before
        the form validates it: a missing, non-numeric or unknown id is a bad request."""
        try:
            Page.objects.only("pk").get(id=request.POST["new_parent_page"])
        except (KeyError, *LOOKUP_ERRORS, ObjectDoesNotExist) as exc:
            raise BadRequest(str(exc)) from exc
        return original(self, request, *args, **kwargs)

    CopyView.post = post


def _patch_workflow_pages_pagination() -> None:
    from wagtail.admin.views.workflows import Edit

    original = Edit.get_paginated_pages

    def get_paginated_pages(self: Any) -> Any:
        """?p=abc or a page past the end shows the first page of the workflow's pages."""
        try:
            return original(self)
        except (ValueError, InvalidPage):
            query = self.request.GET.copy()
            query["p"] = "1"
            self.request.GET = query
            return original(self)

    Edit.get_paginated_pages = get_paginated_pages


PATCHES = {
    "wagtail.admin.widgets.chooser.BaseChooser.get_instance": _patch_chooser_widget,
    "wagtail.admin.views.generic.chooser.ChosenViewMixin.get": _patch_chosen_view,
    "wagtail.admin.views.pages.copy.CopyView.post": _patch_page_copy,
    "wagtail.admin.views.workflows.Edit.get_paginated_pages": _patch_workflow_pages_pagination,
}
_applied = False


def apply() -> None:
    global _applied  # noqa: PLW0603 - once per process, however often ready() runs
    if _applied:
        return
    for patch in PATCHES.values():
        patch()
    _applied = True
