"""/health/: is the database, the cache and the search backend reachable?

For load balancers and monitoring: 200 with {"status": "ok", ...} when all is well, 503 naming
what is down otherwise. Lives outside i18n_patterns, is never cached and needs no session.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_cache() -> str:
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)
    return "ok"


def check_search() -> str:
    backend = get_search_backend()
    if hasattr(backend, "health"):
        # A search engine: "ok" when green, "degraded: …" when a node or replica is missing
        # but every shard still answers; raises when the cluster cannot search.
        return backend.health()
    # The database backend lives in the database: reachable when a trivial search runs.
    from wagtail.models import Page

    # Restricted to the root page so it stays cheap however big the index is.
    list(backend.search("health", Page.objects.filter(depth=1))[:1])
    return "ok"


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "cache": check_cache,
    "search": check_search,
}


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    results: dict[str, str] = {}
    down: list[str] = []
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as exc:  # noqa: BLE001 - any failure means "down", and says why
            logger.warning("Health check %s failed: %s", name, exc)
            results[name] = f"down: {exc.__class__.__name__}"
            down.append(name)
    degraded = [name for name, result in results.items() if result.startswith("degraded")]
    # Degraded still serves (200), so a load balancer keeps the site; monitoring sees it.
    status = "down" if down else "degraded" if degraded else "ok"
    payload = {"status": status, "checks": results, "down": down}
    return JsonResponse(payload, status=503 if down else 200)
