"""Admin: the suggested practices (list, one suggestion, a dashboard panel for reviewers)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from municipalities.permissions.membership import municipality_keys_for_user

from . import admin_views, suggestions
from .models import SuggestionStatus

DASHBOARD_LIST_LIMIT = 10


@hooks.register("register_admin_urls")
def register_outreach_admin_urls() -> list:
    return [
        path("suggestions/", admin_views.suggestion_list, name="outreach_suggestions"),
        path("suggestions/<int:pk>/", admin_views.suggestion_detail, name="outreach_suggestion"),
    ]


def _may_see(user) -> bool:
    return suggestions.reviews_all(user) or bool(municipality_keys_for_user(user))


@hooks.register("register_admin_menu_item")
def register_suggestions_menu_item() -> MenuItem:
    class SuggestionsMenuItem(MenuItem):
        def is_shown(self, request: HttpRequest) -> bool:
            return _may_see(request.user)

    return SuggestionsMenuItem(
        _("Suggested practices"),
        reverse("outreach_suggestions"),
        icon_name="mail",
        name="suggested-practices",
        order=270,
    )


class SuggestionsPanel(Component):
    """Suggestions waiting for review, for the municipality's editors and the project managers."""

    name = "outreach_suggestions"
    template_name = "outreach/admin/panel_suggestions.html"
    order = 120

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def render_html(self, parent_context: dict | None = None) -> str:
        pending = suggestions.suggestions_for(self.request.user).filter(
            status=SuggestionStatus.PENDING
        )
        items = list(pending[:DASHBOARD_LIST_LIMIT])
        if not items:
            return ""
        return render_to_string(
            self.template_name,
            {"suggestions": items, "count": pending.count(), "request": self.request},
        )


@hooks.register("construct_homepage_panels")
def add_suggestions_panel(request: HttpRequest, panels: list) -> None:
    if _may_see(request.user):
        panels.append(SuggestionsPanel(request))
