"""Admin integration: dashboard panels, "Adapt this practice", follow-up, calls for practices."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.userbar import BaseItem
from wagtail.admin.widgets import Button
from wagtail.models import Locale, Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from municipalities.models import MunicipalityProfile
from practices.models import PracticePage

from . import admin_views
from .follow_up import managed_municipalities, overdue_contacts_for, stale_practices_for
from .models import CallForPractices

DASHBOARD_LIST_LIMIT = 10


@hooks.register("register_admin_urls")
def register_learning_admin_urls() -> list:
    return [
        path("learning/adapt/", admin_views.choose_practice_to_adapt, name="learning_adapt_choose"),
        path("learning/adapt/<int:page_id>/", admin_views.adapt_practice, name="learning_adapt"),
        path(
            "learning/follow-up/<int:page_id>/",
            admin_views.follow_up_practice,
            name="learning_follow_up",
        ),
        path(
            "learning/calls/<int:call_id>/submit/",
            admin_views.submit_to_call,
            name="learning_submit_to_call",
        ),
    ]


@hooks.register("register_log_actions")
def register_learning_log_actions(actions: Any) -> None:
    actions.register_action(
        "learning.verified", _("Verify"), _("Confirmed that the information is still accurate")
    )


# --- Snippets -------------------------------------------------------------------------------


class CallForPracticesViewSet(SnippetViewSet):
    model = CallForPractices
    icon = "help"
    menu_label = _("Calls for practices")
    menu_name = "calls-for-practices"
    list_display = ["title", "theme", "opens_on", "deadline", "locale"]
    list_filter = ["locale"]
    search_fields = ["title"]
    ordering = ["-deadline"]
    add_to_admin_menu = True
    menu_order = 250


class MunicipalityProfileViewSet(SnippetViewSet):
    model = MunicipalityProfile
    icon = "site"
    menu_label = _("All municipalities")
    menu_name = "municipality-profiles"
    list_display = ["short_name", "code", "county", "population", "municipality_group"]
    list_filter = ["county", "municipality_group"]
    search_fields = ["name", "short_name", "code"]
    ordering = ["short_name"]


register_snippet(CallForPracticesViewSet)
register_snippet(MunicipalityProfileViewSet)


# --- "Adapt this practice" ------------------------------------------------------------------


def _can_add_somewhere(user: Any) -> bool:
    # Cached on the user object (one request): the explorer asks once per listed page.
    cached = getattr(user, "_learning_can_add_practice", None)
    if cached is None:
        cached = admin_views.addable_municipalities(user).exists()
        user._learning_can_add_practice = cached
    return cached


def _can_adapt(page: Page, user: Any) -> bool:
    return page.specific_class is PracticePage and page.live and _can_add_somewhere(user)


@hooks.register("register_page_header_buttons")
def adapt_header_button(
    page: Page, user: Any, view_name: str | None = None, next_url: str | None = None
) -> Iterator[Button]:
    if _can_adapt(page, user):
        yield Button(
            _("Adapt this practice"),
            reverse("learning_adapt", args=[page.pk]),
            icon_name="copy",
            priority=35,
        )
    if page.specific_class is PracticePage and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Follow up"),
            reverse("learning_follow_up", args=[page.pk]),
            icon_name="calendar-check",
            priority=36,
        )


@hooks.register("register_page_listing_more_buttons")
def adapt_listing_button(page: Page, user: Any, next_url: str | None = None) -> Iterator[Button]:
    if _can_adapt(page, user):
        yield Button(
            _("Adapt this practice"),
            reverse("learning_adapt", args=[page.pk]),
            icon_name="copy",
            priority=25,
        )


class AdaptUserbarItem(BaseItem):
    """On the public page: editors cannot browse other municipalities in the admin."""

    template_name = "learning/admin/userbar_adapt.html"

    def __init__(self, page: Page) -> None:
        self.page = page

    def get_context_data(self, parent_context: dict) -> dict:
        context = super().get_context_data(parent_context)
        context["adapt_url"] = reverse("learning_adapt", args=[self.page.pk])
        return context


@hooks.register("construct_wagtail_userbar")
def add_adapt_to_userbar(request: HttpRequest, items: list, page: Page | None = None) -> None:
    if page is None or not getattr(page, "pk", None):
        return
    if getattr(request, "is_preview", False):
        return
    if _can_adapt(page, request.user):
        items.append(AdaptUserbarItem(page))


@hooks.register("register_admin_menu_item")
def register_adapt_menu_item() -> MenuItem:
    class AdaptMenuItem(MenuItem):
        def is_shown(self, request: HttpRequest) -> bool:
            return _can_add_somewhere(request.user)

    return AdaptMenuItem(
        _("Adapt a practice"),
        reverse("learning_adapt_choose"),
        icon_name="copy",
        name="adapt-practice",
        order=260,
    )


# --- Dashboard ------------------------------------------------------------------------------


class FollowUpPanel(Component):
    """Practices not verified for a year and contacts past their review date, for the owner."""

    name = "learning_follow_up"
    template_name = "learning/admin/panel_follow_up.html"
    order = 140

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def get_context_data(self, parent_context: dict) -> dict:
        user = self.request.user
        practices = stale_practices_for(user)
        contacts = overdue_contacts_for(user)
        return {
            "practices": list(practices[:DASHBOARD_LIST_LIMIT]),
            "practice_count": practices.count(),
            "contacts": list(contacts[:DASHBOARD_LIST_LIMIT]),
            "contact_count": contacts.count(),
            "request": self.request,
        }

    def render_html(self, parent_context: dict | None = None) -> str:
        # One set of queries: the context decides both whether and what to render.
        context = self.get_context_data(parent_context or {})
        if not context["practice_count"] and not context["contact_count"]:
            return ""
        return render_to_string(self.template_name, context)


class OpenCallsPanel(Component):
    name = "learning_open_calls"
    template_name = "learning/admin/panel_open_calls.html"
    order = 130

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def get_context_data(self, parent_context: dict) -> dict:
        locale = Locale.get_default()
        calls = list(
            CallForPractices.objects.open_on(timezone.localdate())
            .filter(locale=locale)
            .select_related("theme")
            .order_by("deadline", "title")[:DASHBOARD_LIST_LIMIT]
        )
        return {"calls": calls, "request": self.request}

    def render_html(self, parent_context: dict | None = None) -> str:
        context = self.get_context_data(parent_context or {})
        if not context["calls"]:
            return ""
        return render_to_string(self.template_name, context)


@hooks.register("construct_homepage_panels")
def add_learning_panels(request: HttpRequest, panels: list) -> None:
    if not managed_municipalities(request.user).exists():
        return
    panels.append(OpenCallsPanel(request))
    panels.append(FollowUpPanel(request))
