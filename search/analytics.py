"""Counting searches cheaply, and reading the counts back for the admin report."""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import date, timedelta

from django.db import DatabaseError, connections, router, transaction
from django.db.models import Max, QuerySet, Sum
from django.utils import timezone

from .models import DailySearchQuery

logger = logging.getLogger(__name__)

REPORT_DAYS = 30
_SPACES = re.compile(r"\s+")


def normalise_query(query: str) -> str:
    """How a query is counted: NFC, lower case, single spaces (not folded: the report shows
    what people actually typed)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", query)).strip().lower()[:200]


def log_search(query: str, language: str, result_count: int, day: date | None = None) -> None:
    """One upsert per search. A failure is logged, never shown to the reader."""
    normalised = normalise_query(query)
    if not normalised:
        return
    day = day or timezone.localdate()
    table = DailySearchQuery._meta.db_table
    # INSERT … ON CONFLICT … DO UPDATE has the same syntax on SQLite (3.24+) and PostgreSQL:
    # one statement, no read-modify-write race between two searches of the same query.
    # The table name is ours; every value is a parameter.
    sql = (
        f"INSERT INTO {table} (date, language, query, searches, results) "  # noqa: S608
        "VALUES (%s, %s, %s, 1, %s) "
        "ON CONFLICT (date, language, query) DO UPDATE "
        f"SET searches = {table}.searches + 1, results = excluded.results"
    )
    connection = connections[router.db_for_write(DailySearchQuery)]
    try:
        # In an outer transaction a failed statement would poison it (PostgreSQL); a
        # savepoint keeps the failure local. In autocommit mode no savepoint is needed.
        if connection.in_atomic_block:
            with transaction.atomic(using=connection.alias):
                _execute(connection, sql, [day, language, normalised, max(result_count, 0)])
        else:
            _execute(connection, sql, [day, language, normalised, max(result_count, 0)])
    except DatabaseError:
        logger.warning("Could not record a search in the search statistics.", exc_info=True)


def _execute(connection, sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _recent(days: int = REPORT_DAYS) -> QuerySet:
    since = timezone.localdate() - timedelta(days=days - 1)
    return DailySearchQuery.objects.filter(date__gte=since)


def popular_queries(days: int = REPORT_DAYS, limit: int | None = 50) -> QuerySet:
    """Most searched queries of the last `days` days, with the latest result count."""
    rows = (
        _recent(days)
        .values("query", "language")
        .annotate(total=Sum("searches"), last_seen=Max("date"))
        .order_by("-total", "query")
    )
    return rows[:limit] if limit else rows


def zero_result_queries(days: int = REPORT_DAYS, limit: int | None = 50) -> QuerySet:
    """Queries that found nothing on at least one day: what readers miss."""
    rows = (
        _recent(days)
        .filter(results=0)
        .values("query", "language")
        .annotate(total=Sum("searches"), last_seen=Max("date"))
        .order_by("-total", "query")
    )
    return rows[:limit] if limit else rows


def prune(days: int = 365) -> int:
    """Forget counts older than `days` days (the report only needs the last month)."""
    cutoff = timezone.localdate() - timedelta(days=days)
    deleted, _by_model = DailySearchQuery.objects.filter(date__lt=cutoff).delete()
    return deleted
