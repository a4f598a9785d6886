"""Timing the searches: through the search view, and as the bare full-text SQL they need.

Part of bench/search.py; Django is imported inside the functions, after the script has set
it up.
"""

from __future__ import annotations

import statistics
import time
from urllib.parse import urlencode

from common import percentile
from search_queries import WARMUP


def summary(label: str, seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    result = {
        "label": label,
        "p50": statistics.median(ms),
        "p95": percentile(ms, 0.95),
        "max": max(ms),
        "mean": statistics.fmean(ms),
        "total": sum(seconds),
        "qps": len(seconds) / sum(seconds),
    }
    print(
        f"  {label:<22} p50 {result['p50']:7.1f} ms   p95 {result['p95']:7.1f} ms   "
        f"max {result['max']:7.1f} ms   mean {result['mean']:6.1f} ms   {result['qps']:7.1f} /s"
    )
    return result


def search_path(language: str, params: dict) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        url = reverse("search:search")
    return url + ("?" + urlencode(params, doseq=True) if params else "")


def time_view(queries: list[tuple[str, dict]]) -> tuple[list[float], list[float], list[int]]:
    """Wall-clock and CPU seconds of this process per search, and the status codes."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    for language, params in WARMUP:
        client.get(search_path(language, params))
    timings, cpu, statuses = [], [], []
    for language, params in queries:
        path = search_path(language, params)
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(path)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        statuses.append(response.status_code)
    return timings, cpu, statuses


def raw_statements(queries: list[tuple[str, dict]]) -> list[list[tuple[str, list]]]:
    """For each search: the bare SQL a full-text search needs (top 12 by rank, and the total)."""
    from wagtail.models import Locale
    from wagtail.search.backends import get_search_backend

    from practices.models import PracticePage
    from search.query import LocalizedText

    backend = get_search_backend()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    statements = []
    for language, params in queries:
        base = PracticePage.objects.live().filter(locale=locales[language])
        query = params.get("q", "")
        if not query:
            top_sql, top_params = (
                base.order_by("-first_published_at").values("pk")[:12].query.sql_with_params()
            )
            count_sql, count_params = base.values("pk").query.sql_with_params()
            statements.append(
                [
                    (top_sql, list(top_params)),
                    (f"SELECT COUNT(*) FROM ({count_sql}) AS t", list(count_params)),  # noqa: S608
                ]
            )
            continue
        results = backend.search(LocalizedText(query, language), base)
        sql, sql_params, _score = results._match_sql(restrict_to_queryset=True)
        ids_sql, ids_params, _score = results._match_sql(
            restrict_to_queryset=True, with_score=False
        )
        statements.append(
            [
                (sql + " ORDER BY score DESC, object_id DESC LIMIT 12", list(sql_params)),
                (f"SELECT COUNT(*) FROM ({ids_sql}) AS matches", list(ids_params)),  # noqa: S608
            ]
        )
    return statements


def time_raw(statements: list[list[tuple[str, list]]]) -> tuple[list[float], list[float]]:
    # The same execution path as the backend (on PostgreSQL: the planner hint that keeps the
    # match on the GIN index), without anything of Django's ORM, view or templates.
    from search.backends.database.results import run_match_query

    for sql, params in statements[0]:  # warm-up
        run_match_query(sql, params)
    timings, cpu = [], []
    for group in statements:
        started, cpu_started = time.perf_counter(), time.process_time()
        for sql, params in group:
            run_match_query(sql, params)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return timings, cpu
