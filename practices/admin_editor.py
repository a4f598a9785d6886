"""The admin as a municipality's editor meets it: their municipality first, shortcuts, plain help.

All through Wagtail's hooks (registered in wagtail_hooks.py) and public UI classes; the one
URL that takes over a Wagtail URL (/admin/pages/) is wired in platform_site/urls.py, in front
of Wagtail's, and hands everyone else on to Wagtail's own view.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import resolve, reverse
from django.views.decorators.cache import never_cache
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import PageExplorerMenuItem as PageExplorerMenuItemComponent
from wagtail.models import Locale, Page

from municipalities.models import MunicipalityPage
from municipalities.permissions.contacts import manages_all_contacts
from municipalities.permissions.membership import municipality_keys_for_user

from .models import PracticePage

DRAFTS_LIMIT = 10


def home_municipality(user: Any) -> MunicipalityPage | None:
    """The Swedish page of the municipality a municipality editor works for, if any.

    None for project managers and superusers, who work everywhere and keep Wagtail's start.
    """
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return None
    if manages_all_contacts(user):
        return None
    keys = municipality_keys_for_user(user)
    if not keys:
        return None
    return (
        MunicipalityPage.objects.filter(translation_key__in=keys, locale=Locale.get_default())
        .order_by("title")
        .first()
    )


@never_cache
def explore_root(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """/admin/pages/: a municipality editor's explorer opens at their municipality, not Root."""
    municipality = home_municipality(request.user)
    if municipality is not None and not request.GET:
        return redirect("wagtailadmin_explore", municipality.pk)
    wagtail_view = resolve("/pages/", urlconf="wagtail.admin.urls").func
    return wagtail_view(request, *args, **kwargs)


class MunicipalityExplorerMenuItem(MenuItem):
    """The sidebar's "Pages" explorer, starting at the editor's municipality."""

    def __init__(self, original: MenuItem) -> None:
        super().__init__(
            original.label,
            original.url,
            name=original.name,
            icon_name=original.icon_name,
            classname=original.classname,
            order=original.order,
        )
        self.original = original

    def is_shown(self, request: HttpRequest) -> bool:
        return self.original.is_shown(request)

    def render_component(self, request: HttpRequest) -> Any:
        municipality = home_municipality(request.user)
        if municipality is None:
            return self.original.render_component(request)
        return PageExplorerMenuItemComponent(
            self.name,
            self.label,
            reverse("wagtailadmin_explore", args=(municipality.pk,)),
            municipality.pk,
            icon_name=self.icon_name,
            classname=self.classname,
        )


def start_explorer_at_municipality(request: HttpRequest, menu_items: list) -> None:
    for index, item in enumerate(menu_items):
        if item.name == "explorer":
            menu_items[index] = MunicipalityExplorerMenuItem(item)


def add_practice_url(municipality: MunicipalityPage) -> str:
    return reverse("wagtailadmin_pages:add", args=("practices", "practicepage", municipality.pk))


def user_drafts(user: Any) -> list[Page]:
    """Pages the user owns that are not published, or have unpublished changes, newest first."""
    return list(
        PracticePage.objects.filter(owner=user)
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
        .order_by("-latest_revision_created_at")[:DRAFTS_LIMIT]
    )


class EditorShortcutsPanel(Component):
    """Dashboard: "New practice" in one click, and the editor's own drafts to go on with."""

    name = "editor_shortcuts"
    template_name = "practices/admin/panel_editor_shortcuts.html"
    order = 80

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def render_html(self, parent_context: dict | None = None) -> str:
        municipality = home_municipality(self.request.user)
        if municipality is None:
            return ""
        drafts = user_drafts(self.request.user)
        return render_to_string(
            self.template_name,
            {
                "municipality": municipality,
                "add_url": add_practice_url(municipality),
                "drafts": drafts,
                "request": self.request,
            },
            request=self.request,
        )


def add_editor_shortcuts(request: HttpRequest, panels: list) -> None:
    panels.append(EditorShortcutsPanel(request))
