"""Benchmark of the practice search: the real search view against the raw full-text SQL.

Builds a fresh database with N synthetic practices (realistic Swedish text, a quarter of them
also translated into English, spread over 60 municipalities in 21 counties and a curated
taxonomy), rebuilds the search index with `update_index`, then sends 200 fixed searches
through the search view with Django's test client (middleware, templates, facets, logging:
everything a reader's request does) and runs the same searches as bare full-text SQL (match,
rank, top 12 and total) on the same database. It prints p50/p95/max latency, searches per
second, the index build time and the ratio of the view to the raw SQL.

    .venv/bin/python bench/search.py                     # 10,000 practices on SQLite (temp dir)
    .venv/bin/python bench/search.py --n 2000            # quicker, while developing
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/larplattformen .venv/bin/python bench/search.py
    make search-engine && .venv/bin/python bench/search.py --backend opensearch   # on the engine

With a PostgreSQL DATABASE_URL a separate database "<name>_searchbench" is created on that
server and dropped at the end (--keep keeps it); the database named in the URL is not touched.
Not part of the test suite.

This script sets up the database and Django and prints the figures; its parts live beside it:
search_text.py (the practices' text), search_site.py (building the site), search_queries.py
(the 200 searches), search_timing.py (timing the view and the raw SQL) and search_backend.py
(the engine and the index size).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from common import (
    create_postgres_database,
    database_name,
    drop_postgres_database,
    is_postgres,
    refresh_planner_statistics,
    remove_sqlite,
    use_project,
    with_database_name,
)
from search_backend import engine_documents, index_megabytes, node_memory, use_engine
from search_queries import fixed_queries
from search_site import create_practices
from search_timing import raw_statements, search_path, summary, time_raw, time_view

# ------------------------------------------------------------------------------------------
# Database


def prepare_database(url: str | None, keep: bool) -> tuple[str, callable]:
    """The database URL to use and a function that removes it afterwards."""
    if not url:
        directory = tempfile.mkdtemp(prefix="searchbench-")
        path = Path(directory) / "bench.sqlite3"

        def remove() -> None:
            if not keep:
                remove_sqlite(path)
                Path(directory).rmdir()
            else:
                print(f"kept {path}")

        return f"sqlite:///{path}", remove
    if not is_postgres(url):
        raise SystemExit("DATABASE_URL must be PostgreSQL (or unset for SQLite)")
    bench_url = with_database_name(url, f"{database_name(url)}_searchbench")
    create_postgres_database(bench_url, fresh=True)

    def drop() -> None:
        if keep:
            print(f"kept database {database_name(bench_url)}")
            return
        drop_postgres_database(bench_url)

    return bench_url, drop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="practices (both languages)")
    parser.add_argument("--english-share", type=float, default=0.25, help="translated share")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument("--slowest", type=int, default=0, help="list the N slowest searches")
    parser.add_argument(
        "--backend",
        choices=["database", "opensearch"],
        default="database",
        help="search backend; opensearch uses OPENSEARCH_URL (default the node of "
        "`make search-engine`) and indexes into a bench_ prefix",
    )
    args = parser.parse_args()

    url, cleanup = prepare_database(os.environ.get("DATABASE_URL"), args.keep)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "platform_site.settings.test"
    # Persistent connections, as in production: a connection per request would be measured
    # as search time.
    os.environ.setdefault("DB_CONN_MAX_AGE", "600")
    use_project()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from search.models import SearchDocument

    try:
        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
        started = time.monotonic()
        # run_syncdb: the test settings' apps without migrations (upstream's search test app).
        call_command("migrate", verbosity=0, run_syncdb=True)
        print(f"  migrated in {time.monotonic() - started:.1f} s")
        swedish, english = create_practices(args.n, args.english_share, args.seed)
        print(f"  practices: {swedish} in Swedish, {english} in English")
        refresh_planner_statistics()

        if args.backend == "opensearch":
            use_engine()
        started = time.monotonic()
        call_command("update_index", verbosity=0)
        index_seconds = time.monotonic() - started
        documents = engine_documents() if args.backend == "opensearch" else None
        if documents is None:
            documents = SearchDocument.objects.count()
        print(f"index build (update_index): {index_seconds:.1f} s for {documents} documents")
        print(f"index size: {index_megabytes():.1f} MB (documents, full-text index)")

        queries = fixed_queries()
        if args.backend == "opensearch":
            timings, view_cpu, statuses = time_view(queries)
            bad = [s for s in statuses if s != 200]
            print(f"{len(queries)} searches through the view on OpenSearch ({len(bad)} not 200):")
            summary("search view", timings)
            summary("  search view (CPU of this process)", view_cpu)
            print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
            for name, rss in node_memory():
                print(f"  {name}: RSS {rss / 1024:.0f} MiB")
            return 0 if not bad else 1
        load = os.getloadavg()[0]
        timings, view_cpu, statuses = time_view(queries)
        bad = [s for s in statuses if s != 200]
        print(f"{len(queries)} searches through the view ({len(bad)} not 200):")
        view = summary("search view", timings)
        if args.slowest:
            ranked = sorted(zip(timings, queries, strict=True), key=lambda r: -r[0])
            for seconds, (language, params) in ranked[: args.slowest]:
                print(f"    {seconds * 1000:7.1f} ms  {search_path(language, params)}")
        raw_timings, raw_cpu = time_raw(raw_statements(queries))
        raw = summary("raw full-text SQL", raw_timings)
        print("CPU time of this process (SQLite runs in it; PostgreSQL's server is not counted):")
        summary("  search view (CPU)", view_cpu)
        summary("  raw SQL (CPU)", raw_cpu)
        print(f"load average when timing began: {load:.1f} on {os.cpu_count()} CPUs")
        print(
            f"ratio view / raw SQL: {view['p50'] / raw['p50']:.2f} at the median, "
            f"{view['p95'] / raw['p95']:.2f} at p95, {view['total'] / raw['total']:.2f} in total"
        )
        targets = view["p95"] <= 100 and view["total"] / raw["total"] <= 3
        print(f"targets (p95 ≤ 100 ms, ratio ≤ 3): {'met' if targets else 'NOT met'}")
        return 0 if not bad else 1
    finally:
        cleanup()


if __name__ == "__main__":
    sys.exit(main())
