"""bench/common.py: what the four benchmark scripts share (percentiles, their databases)."""

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import common


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [
        (range(1, 21), 0.95, 19),  # p95 of 20: the 19th
        (range(1, 101), 0.95, 95),  # 0.95 × 100 is 95.00000000000001 in floating point
        (range(1, 101), 0.99, 99),
        (range(1, 5), 0.5, 2),
        ([3.0, 1.0, 2.0], 0.0, 1.0),
        ([3.0, 1.0, 2.0], 1.0, 3.0),
        ([7.0], 0.95, 7.0),
    ],
)
def test_nearest_rank_percentile(values, fraction, expected):
    assert common.percentile(values, fraction) == expected


def test_percentile_of_nothing_is_nan():
    assert math.isnan(common.percentile([], 0.95))


def test_database_urls():
    url = "postgres://bench:secret@db.example:5433/larplattformen?sslmode=require"
    assert common.is_postgres(url) and common.is_postgres("postgresql://h/x")
    assert not common.is_postgres("sqlite:////tmp/x.sqlite3")
    assert common.database_name(url) == "larplattformen"
    assert (
        common.with_database_name(url, "larplattformen_searchbench")
        == "postgres://bench:secret@db.example:5433/larplattformen_searchbench?sslmode=require"
    )


def test_a_fresh_sqlite_database_is_removed_with_its_journal(tmp_path, monkeypatch):
    default = tmp_path / "bench.sqlite3"
    other = tmp_path / "other.sqlite3"
    for path in (other, Path(f"{other}-wal"), Path(f"{other}-shm"), default):
        path.write_text("")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{other}")
    assert common.prepare_database(default, fresh=False) == f"sqlite:///{other}"
    assert other.exists()
    common.prepare_database(default, fresh=True)
    # The file the URL names goes, with its journal; the default one is not that file.
    assert not other.exists() and not Path(f"{other}-wal").exists()
    assert default.exists()


def test_without_database_url_the_default_sqlite_file_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    default = tmp_path / "bench.sqlite3"
    assert common.prepare_database(default, fresh=True) == f"sqlite:///{default}"
    assert os.environ["DATABASE_URL"] == f"sqlite:///{default}"


@pytest.mark.skipif(
    not common.is_postgres(os.environ.get("DATABASE_URL", "")), reason="needs PostgreSQL"
)
def test_postgres_database_is_created_once_and_dropped():
    url = common.with_database_name(os.environ["DATABASE_URL"], "bench_common_test")
    common.drop_postgres_database(url)
    common.create_postgres_database(url)
    common.create_postgres_database(url)  # already there: nothing to do
    with common.connect(url) as conn:
        conn.execute("CREATE TABLE kept (id int)")
    common.create_postgres_database(url)
    with common.connect(url) as conn:
        assert conn.execute("SELECT to_regclass('kept')").fetchone()[0] == "kept"
    common.create_postgres_database(url, fresh=True)
    with common.connect(url) as conn:
        assert conn.execute("SELECT to_regclass('kept')").fetchone()[0] is None
    common.drop_postgres_database(url)
    with common.connect(url, dbname="postgres") as conn:
        assert not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = 'bench_common_test'"
        ).fetchone()


@pytest.mark.parametrize("script", ["admin.py", "learning.py", "load.py", "search.py"])
def test_every_script_still_starts(script):
    # --help parses the arguments only: the imports of bench/common.py must resolve when
    # the script is run as the README says, from the repository root.
    result = subprocess.run(  # noqa: S603 - our own interpreter and scripts
        [sys.executable, f"bench/{script}", "--help"],
        cwd=common.REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout
