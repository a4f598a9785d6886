"""The fault runs of the load test (--faults): PostgreSQL restarted under load, search down.

Part of bench/load.py.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import time
import urllib.request
from collections import Counter
from pathlib import Path

from common import connect
from load_client import Result, run_load
from load_scenarios import scenario_paths
from load_server import free_port, gunicorn, gunicorn_without_health, production_env


def restart_postgres() -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def live_practices(database_url: str) -> int:
    with connect(database_url) as conn:
        return conn.execute(
            "SELECT count(*) FROM wagtailcore_page p"
            " JOIN practices_practicepage pp ON pp.page_ptr_id = p.id WHERE p.live"
        ).fetchone()[0]


def fault_runs(args, static_root: Path) -> None:
    duration = max(args.duration, 30)
    print(
        f"\n=== PostgreSQL restarted after 10 s of a {duration:.0f} s run (uncached, 20 users) ==="
    )
    before = live_practices(args.database_url)
    env = production_env(args.database_url, 0, "")
    with gunicorn(env, args.workers, args.threads, static_root) as port:
        paths = scenario_paths(port, 200)
        urls = paths["home"] + paths["practice"][:100] + paths["practice_index_filters"]

        async def scenario() -> Result:
            load = asyncio.create_task(run_load(port, urls, 20, duration))
            await asyncio.sleep(10)
            t0 = time.monotonic()
            await asyncio.to_thread(restart_postgres)
            print(f"  PostgreSQL restarted in {time.monotonic() - t0:.1f} s")
            return await load

        result = asyncio.run(scenario())
        for second in sorted(result.timeline):
            counts = result.timeline[second]
            print(
                f"  t={second:3d}s  "
                + "  ".join(
                    f"{status or 'conn-error'}: {n}" for status, n in sorted(counts.items())
                )
            )
        print(f"  totals: {dict(sorted(result.statuses.items()))}")
        last = max(result.timeline)
        tail = Counter()
        for second in range(last - 4, last + 1):
            tail.update(result.timeline.get(second, {}))
        print(f"  last 5 s (recovered?): {dict(sorted(tail.items()))}")
    after = live_practices(args.database_url)
    verdict = "nothing lost" if before == after else "LOST CONTENT"
    print(f"  live practices before {before}, after {after}: {verdict}")

    print("\n=== Elasticsearch unreachable (ELASTICSEARCH_URL on a closed loopback port) ===")
    closed = free_port()
    env = production_env(args.database_url, 0, "", ELASTICSEARCH_URL=f"http://127.0.0.1:{closed}")
    with gunicorn_without_health(env, static_root) as port:
        for path in ("/health/", "/sv/", "/sv/goda-exempel/", "/sv/sok/?q=skola"):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}{path}", timeout=30
                ) as response:  # noqa: S310
                    status = response.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            except OSError as exc:
                status = f"error {exc}"
            print(f"  {path:24} {status}")
