"""The search index the benchmark built: on the engine or the database, and how big it is.

Part of bench/search.py; Django is imported inside the functions, after the script has set
it up.
"""

from __future__ import annotations

import os
from pathlib import Path

from common import REPO

ENGINE_RUN = REPO / "tools" / "search-engine" / "run"


def use_engine() -> None:
    """Point the default search backend at the engine (settings.test keeps the database)."""
    import runpy

    from django.conf import settings

    os.environ.setdefault("OPENSEARCH_URL", "http://127.0.0.1:9200")
    os.environ.setdefault("OPENSEARCH_INDEX_PREFIX", "bench_")
    loaded = runpy.run_path(str(REPO / "platform_site" / "settings" / "base.py"))
    settings.WAGTAILSEARCH_BACKENDS = loaded["WAGTAILSEARCH_BACKENDS"]
    print(f"search backend: OpenSearch at {os.environ['OPENSEARCH_URL']}")


def engine_documents() -> int:
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    index = backend.get_index_for_model(Page)
    index.refresh()
    return backend.es.count(index=index.name)["count"]


def node_memory() -> list[tuple[str, int]]:
    """(node, resident set size in KiB) of the running search nodes."""
    found = []
    for pidfile in sorted(ENGINE_RUN.glob("*/node-*/pid")):
        try:
            status = Path(f"/proc/{int(pidfile.read_text())}/status").read_text()
        except (OSError, ValueError):
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                found.append(
                    (f"{pidfile.parent.parent.name}/{pidfile.parent.name}", int(line.split()[1]))
                )
    return found


def index_megabytes() -> float:
    """Size of the search documents and their full-text index on this database."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size('search_searchdocument')")
            size = cursor.fetchone()[0]
        else:
            cursor.execute(
                "SELECT SUM(LENGTH(title) + LENGTH(summary) + LENGTH(body) + LENGTH(autocomplete))"
                " FROM search_searchdocument"
            )
            size = cursor.fetchone()[0] or 0
            cursor.execute("SELECT SUM(LENGTH(block)) FROM search_searchdocument_fts_data")
            size += cursor.fetchone()[0] or 0
    return size / 1e6
