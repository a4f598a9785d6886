"""What the benchmarks share: the project on the path, their databases, and percentiles.

Imported by the scripts as ``common`` (a script's own folder is first on sys.path), before
Django is set up: only the standard library at import time; psycopg, dj_database_url and
Django are imported where a function needs them.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent


def use_project(settings_module: str = "platform_site.settings.test") -> None:
    """Put the project first on sys.path and choose its settings (unless already chosen).

    First, so that the apps win over the scripts of the same name here (bench/learning.py,
    bench/search.py) once Django imports them.
    """
    if str(REPO) not in sys.path[:1]:
        sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)


# --- percentiles -----------------------------------------------------------------------------


def percentile(values: Iterable[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value with `fraction` of the values ≤ it.

    p95 of 20 timings is the 19th fastest, p50 of 4 the 2nd; NaN for no values. The rank is
    rounded first so that 0.95 × 100 (95.00000000000001 in floating point) is rank 95.
    """
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = math.ceil(round(fraction * len(ordered), 9))
    return ordered[min(len(ordered), max(rank, 1)) - 1]


# --- databases -------------------------------------------------------------------------------


def is_postgres(url: str) -> bool:
    return urlsplit(url).scheme in ("postgres", "postgresql", "pgsql")


def database_name(url: str) -> str:
    from dj_database_url import parse

    return parse(url)["NAME"]


def with_database_name(url: str, name: str) -> str:
    """The same server, user and options, another database."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def connect(url: str, dbname: str | None = None, **options: Any) -> Any:
    """A psycopg connection to the server of `url`, to its database or to `dbname`.

    Unset parts (host, port, user, password) are left to libpq's defaults, as Django's own
    connection to the same URL leaves them.
    """
    import psycopg
    from dj_database_url import parse

    db = parse(url)
    return psycopg.connect(
        dbname=dbname or db["NAME"],
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        **options,
    )


def create_postgres_database(url: str, *, fresh: bool = False) -> None:
    """Create the PostgreSQL database named in `url` if it is missing (`fresh`: drop it first)."""
    name = database_name(url)
    with connect(url, dbname="postgres", autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def drop_postgres_database(url: str) -> None:
    """Drop the database named in `url`, closing this process's Django connections first."""
    if "django" in sys.modules:
        from django.db import connections

        connections.close_all()
    with connect(url, dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database_name(url)}" WITH (FORCE)')


def remove_sqlite(path: Path) -> None:
    """An SQLite database file with its write-ahead log and shared-memory files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def prepare_database(default_sqlite: Path, *, fresh: bool) -> str:
    """DATABASE_URL, or an SQLite file at `default_sqlite`, ready to be migrated.

    PostgreSQL: the database is created if missing. `fresh`: the data are thrown away first.
    """
    url = os.environ.setdefault("DATABASE_URL", f"sqlite:///{default_sqlite}")
    if is_postgres(url):
        create_postgres_database(url, fresh=fresh)
    elif fresh:
        remove_sqlite(Path(database_name(url)))  # the file of the URL, which may be another
    return url


def refresh_planner_statistics() -> None:
    """Fresh planner statistics on Django's database, as autovacuum would keep them.

    Right after a bulk insert PostgreSQL believes the tables are nearly empty and picks plans
    that are far slower (nested loops over thousands of rows).
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
