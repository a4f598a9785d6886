"""Load test of the production configuration: gunicorn + WhiteNoise on PostgreSQL.

Builds (once) a PostgreSQL database with the demo site and 10,000 practices, starts gunicorn
with platform_site.settings.production on a loopback port, and measures, at 50 concurrent users,
requests/s and p50/p95/p99 latency with the page cache on ("cached") and off ("uncached") for:
the home page, practice pages, the practice index with filters and the search page.

    .venv/bin/python bench/load.py                       # 60 s per scenario (the real figures)
    .venv/bin/python bench/load.py --duration 5          # a quick look while developing
    .venv/bin/python bench/load.py --skip-setup --paced  # latency at the target rates
    .venv/bin/python bench/load.py --faults              # restart PostgreSQL under load
    .venv/bin/python bench/load.py --faults --only none  # only the fault runs

Only loopback addresses are used; every loop is bounded by --duration. Needs a local
PostgreSQL (`pg_ctlcluster ... start`) and, for the shared cache, redis-server (optional).

This script reads the options and runs the steps; its parts live beside it: load_data.py (the
database), load_server.py (gunicorn and Redis), load_client.py (the simulated users),
load_scenarios.py (what is requested, and the table) and load_faults.py (--faults).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from common import is_postgres
from load_data import analyze, collect_static, dev_env, generate_practices, manage, prepare
from load_faults import fault_runs
from load_scenarios import load_runs, print_table

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/larplattformen_bench"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds per scenario")
    parser.add_argument("--users", type=int, default=50, help="concurrent users")
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker")
    parser.add_argument("--cache", choices=["redis", "local"], default="redis")
    parser.add_argument("--mode", choices=["both", "cached", "uncached"], default="both")
    parser.add_argument("--only", default="all", help="comma-separated scenarios, or 'none'")
    parser.add_argument("--skip-setup", action="store_true", help="reuse the prepared database")
    parser.add_argument(
        "--paced",
        action="store_true",
        help="offer each scenario its target rate (TARGET_RATES) instead of requests back to back",
    )
    parser.add_argument("--faults", action="store_true", help="also restart PostgreSQL under load")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--generate", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate_practices(args.generate)
        return 0
    if not is_postgres(args.database_url):
        parser.error("the load test runs on PostgreSQL (--database-url postgres://…)")

    with tempfile.TemporaryDirectory(prefix="larplattformen-bench-static-") as static_dir:
        static_root = Path(static_dir)
        if not args.skip_setup:
            prepare(args.database_url, args.practices, static_root)
        else:  # the schema may have moved on since the database was built
            manage("migrate", "--noinput", env=dev_env(args.database_url))
        # Fresh planner statistics: right after generating 10,000 pages PostgreSQL still
        # believes the tables are nearly empty and picks plans a thousand times slower.
        analyze(args.database_url)
        if args.skip_setup:
            collect_static(args.database_url, static_root)
        print(
            f"\n{args.users} users, {args.duration:.0f} s per scenario, "
            f"gunicorn {args.workers} workers × {args.threads} threads, {os.cpu_count()} cores"
        )
        rows = load_runs(args, static_root) if args.only != "none" else []
        if rows:
            print("\nSummary")
            print_table(rows)
            if args.json:
                args.json.write_text(json.dumps(rows, indent=2))
        if args.faults:
            fault_runs(args, static_root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
