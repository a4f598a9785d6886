"""Patches of Wagtail's admin views: malformed ids answered with 400/404, and hooks where
Wagtail runs none (the project's apps register the hook functions)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import BadRequest, ObjectDoesNotExist, ValidationError
from django.core.paginator import InvalidPage
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from wagtail import hooks

from .record import _replace

# A value that cannot be a primary key of the model at all.
LOOKUP_ERRORS = (ValueError, TypeError, OverflowError, ValidationError)

# Our hooks, run by the patched views below (registered with wagtail.hooks like Wagtail's own).
# fn(parent_page, request): may raise Http404 or change the page shown at the top of the chooser.
PAGE_CHOOSER_BROWSE_HOOK = "before_page_chooser_browse"
# fn(rows, request) -> rows: the "Page types usage" report's rows, before they are shown.
PAGE_TYPES_USAGE_HOOK = "construct_page_types_usage_report"

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
