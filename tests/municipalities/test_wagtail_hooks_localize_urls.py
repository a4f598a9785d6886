"""The admin URLs of ours that shadow wagtail-localize's: each still takes the path it shadows.

wagtail-localize offers no hook to scope these views, so municipalities/wagtail_hooks.py
registers our own views for the same paths, ahead of its URLs. If an upgrade moves one of
its paths, ours would stop shadowing it and the unscoped view would answer: this fails then.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver, resolve

from municipalities.wagtail_hooks import scoped_translations_report_urls


def localize_routes() -> dict[str, str]:
    """wagtail-localize's admin URL patterns: route (under /admin/) → URL name."""
    routes: dict[str, str] = {}

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace.startswith("wagtail_localize"):
                routes[route] = f"{namespace}:{pattern.name}"

    walk(get_resolver().url_patterns, "", "")
    return routes


def sample_path(route: str) -> str:
    return "/" + route.replace("<int:page_id>", "1").replace(
        "<slug:app_label>", "practices"
    ).replace("<slug:model_name>", "targetgroup").replace("<str:pk>", "1")


def test_every_shadowing_url_takes_the_path_of_a_localize_url() -> None:
    localize = localize_routes()
    ours = scoped_translations_report_urls()
    assert ours
    for pattern in ours:
        route = "admin/" + str(pattern.pattern)
        assert route in localize, f"wagtail-localize no longer serves {route}: drop or move ours"
        match = resolve(sample_path(route))
        assert match.url_name == pattern.name, (route, match.view_name, localize[route])
