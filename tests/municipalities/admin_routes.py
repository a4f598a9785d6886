"""The admin and API URL patterns, and the bundles of object ids they are probed with.

tests/municipalities/test_permissions_admin_routes.py walks every pattern under /admin/ and
/api/ that Django's resolver knows, filled from *bundles*: objects described by the URL
parameters they supply (tests/municipalities/admin_route_bundles.py builds B's).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page, Task, Workflow

from outreach.models import PracticeSuggestion
from tests.municipalities.roles_world import World

ROLES = ("anonymous", "editor_a", "publisher_a", "editor_b", "translator", "pm")
OWNERS_A = frozenset({"editor_a", "publisher_a", "pm"})
OWNERS_B = frozenset({"editor_b", "pm"})
NOBODY: frozenset[str] = frozenset()

# Patterns that take parameters but are not probed with objects, and why.
NOT_PROBED = {
    "admin/password_reset/confirm/<uidb64>/<token>/": "a signed token, no object id",
    "^api/(?P<path>.*)$": "catch-all that answers 404 for unknown API paths",
}
# Patterns without parameters that are not requested, and why.
NOT_REQUESTED = {
    "admin/failwhale/": "Wagtail's deliberate server error, to test error reporting",
    "admin/logout/": "ends the role's session for the following requests",
}
# Function views, which do not declare their model, by URL name.
FUNCTION_VIEW_MODELS = {
    "wagtailadmin_workflows:enable": Workflow,
    "wagtailadmin_workflows:edit_task": Task,
    "wagtailadmin_workflows:enable_task": Task,
    "outreach_suggestion": PracticeSuggestion,
}
# The pages each admin API page action is tried on (9 actions: a few pages are enough).
API_ACTION_PAGES = frozenset(
    {"B's draft", "B's live practice with a pending draft", "B's English draft (translator's)"}
)
MODEL_FROM_URL = frozenset({"model_name", "content_type_model_name"})


# --- The URL patterns ------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    route: str  # the pattern as written, e.g. admin/pages/<int:page_id>/edit/
    name: str | None  # namespaced URL name
    params: frozenset[str]
    callback: Any
    regex: str

    @property
    def model(self) -> type | None:
        """The model a generic view works on, for its ``pk``."""
        callback = self.callback
        cls = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        initkwargs = getattr(callback, "view_initkwargs", None) or getattr(
            callback, "initkwargs", {}
        )
        model = initkwargs.get("model") or getattr(cls, "model", None)
        if isinstance(model, str):
            model = apps.get_model(model)
        if isinstance(model, type):
            return model
        if self.name in FUNCTION_VIEW_MODELS:
            return FUNCTION_VIEW_MODELS[self.name]
        if self.name and self.name.startswith("wagtailadmin_pages:"):
            return Page
        if cls is not None and "pages" in self.route:  # the API's page endpoints
            return Page
        return None


def _walk(patterns: list, prefix: str = "", regex: str = "", namespace: str = "") -> Iterator:
    for entry in patterns:
        piece = entry.pattern
        text = str(piece)
        part = piece.regex.pattern.lstrip("^").rstrip("$").removesuffix(r"\Z")
        if isinstance(entry, URLResolver):
            space = namespace
            if entry.namespace:
                space = f"{namespace}{entry.namespace}:"
            yield from _walk(entry.url_patterns, prefix + text, regex + part, space)
        elif isinstance(entry, URLPattern):
            full = regex + part
            params = frozenset(re.compile(full).groupindex)
            name = f"{namespace}{entry.name}" if entry.name else None
            yield Route(prefix + text, name, params, entry.callback, full)


def all_routes() -> list[Route]:
    return [
        route
        for route in _walk(get_resolver().url_patterns)
        if route.route.startswith("admin/") or "api/" in route.route
    ]


def build_path(route: Route, values: dict[str, Any]) -> str:
    """The path of a route with the given parameter values (from the pattern's own regex)."""
    regex = route.regex
    out = re.sub(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)", lambda m: str(values[m.group(1)]), regex)
    out = out.replace("^", "").replace("$", "").replace("\\.", ".").replace("\\Z", "")
    out = out.replace("\\", "")
    return "/" + out


# --- Bundles: objects as URL parameters --------------------------------------------------------


@dataclass
class Bundle:
    label: str
    values: dict[str, Any]
    model: type | None = None  # whose ``pk`` this bundle supplies
    changers: frozenset[str] = OWNERS_B
    # Roles that may change the object but never delete a page (the translator's drafts).
    no_delete: frozenset[str] = NOBODY
    query: dict[str, Any] = field(default_factory=dict)
    exact: bool = False  # only for patterns that take exactly these parameters

    def supplies(self, route: Route) -> bool:
        if not route.params <= set(self.values):
            return False
        if self.exact and route.params != set(self.values):
            return False
        if "pk" in route.params and not route.params & MODEL_FROM_URL:
            model = route.model
            return model is not None and self.model is not None and issubclass(self.model, model)
        return True


def model_params(model: type, **extra: Any) -> dict[str, Any]:
    meta = model._meta
    return {
        "app_label": meta.app_label,
        "model_name": meta.model_name,
        "app_name": meta.app_label,
        "content_type_app_name": meta.app_label,
        "content_type_model_name": meta.model_name,
        **extra,
    }


@dataclass
class Probe:
    world: World
    bundles: list[Bundle]
    markers: dict[str, frozenset[str]]  # marker text -> roles who may see it


def probe_cases(probe: Probe) -> tuple[list[tuple[Route, Bundle]], list[Route], list[Route]]:
    """(route, bundle) pairs to probe, routes without parameters, routes nothing supplies."""
    cases, plain, unsupplied = [], [], []
    # ADMIN_ROUTES=<regex> narrows the walk to matching patterns (to debug one view).
    only = re.compile(os.environ.get("ADMIN_ROUTES", ""))
    for route in all_routes():
        if not only.search(route.route):
            continue
        if route.route in NOT_PROBED or route.route in NOT_REQUESTED:
            continue
        if not route.params:
            plain.append(route)
            continue
        matching = [b for b in probe.bundles if b.supplies(route)]
        api_actions = getattr(getattr(route.callback, "cls", None), "actions", None)
        if "action_name" in route.params and isinstance(api_actions, dict):
            # The admin API's page actions: each one, on each of B's pages.
            without_action = replace(route, params=route.params - {"action_name"})
            matching = [
                Bundle(
                    f"{b.label}, API action {name}",
                    {**b.values, "action_name": name},
                    model=b.model,
                    changers=b.changers,
                    no_delete=b.no_delete,
                )
                for b in probe.bundles
                if b.supplies(without_action) and b.label in API_ACTION_PAGES
                for name in api_actions
            ]
        if not matching:
            unsupplied.append(route)
        cases.extend((route, b) for b in matching)
    return cases, plain, unsupplied
