"""The scenarios of the load test: what it requests, at what rate, and the table of figures.

Part of bench/load.py.
"""

from __future__ import annotations

import asyncio
import json
import random
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from load_client import run_load, warm
from load_server import gunicorn, production_env, redis_server

SEARCH_WORDS = [
    "skola",
    "språk",
    "mötesplats",
    "arbete",
    "praktik",
    "föräldrar",
    "hälsa",
    "bostad",
    "mentor",
    "svenska",
    "nyanlända",
    "ungdomar",
    "samhällsorientering",
    "idrott",
    "bibliotek",
    "jobb",
    "validering",
    "kvinnor",
    "studiecirkel",
    "integration",
]

# Offered load with --paced: the targets (requests/s) for each scenario and mode.
TARGET_RATES = {
    "cached": {"home": 500, "practice": 500, "practice_index_filters": 500, "search": 30},
    "uncached": {"home": 50, "practice": 50, "practice_index_filters": 50, "search": 30},
}


def scenario_paths(port: int, sample: int) -> dict[str, list[str]]:
    """URLs taken from the running site's own API and pages, so they are all real."""
    base = f"http://127.0.0.1:{port}"
    rng = random.Random(7)

    def get_json(url: str) -> dict:
        with urllib.request.urlopen(base + url, timeout=60) as response:  # noqa: S310
            return json.loads(response.read())

    listing = "/api/v2/pages/?"
    query = {"type": "practices.PracticePage", "locale": "sv"}
    total = get_json(listing + urlencode({**query, "limit": 1}))["meta"]["total_count"]
    practices: list[str] = []
    # Listings at random offsets (20 pages each) until we have `sample` distinct URLs.
    for offset in rng.sample(
        range(max(total - 20, 1)), k=min(max(total - 20, 1), sample // 20 + 1)
    ):
        items = get_json(listing + urlencode({**query, "limit": 20, "offset": offset}))["items"]
        practices += [urlsplit(item["meta"]["html_url"]).path for item in items]
    practices = list(dict.fromkeys(practices))[:sample]
    index_sv = "/sv/goda-exempel/"
    filters = []
    for status in ("", "ongoing", "ended", "regular", "planned"):
        for page in ("", "2", "5"):
            params = [("status", status)] if status else []
            if page:
                params.append(("page", page))
            filters.append(index_sv + ("?" + urlencode(params) if params else ""))
    filters += [index_sv + "?" + urlencode([("county", c)]) for c in ("01", "13", "22", "24", "03")]
    searches = [f"/sv/sok/?{urlencode({'q': w})}" for w in SEARCH_WORDS]
    searches += [
        f"/sv/sok/?{urlencode({'q': a + ' ' + b})}"
        for a, b in zip(SEARCH_WORDS, SEARCH_WORDS[3:], strict=False)
    ]
    return {
        "home": ["/sv/", "/en/"],
        "practice": practices,
        "practice_index_filters": filters,
        "search": searches,
    }


def print_table(rows: list[dict]) -> None:
    header = (
        f"{'mode':9} {'scenario':24} {'req':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'errors':>6}  statuses"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['mode']:9} {r['scenario']:24} {r['requests']:>7} {r['rps']:>8} {r['p50_ms']:>8} "
            f"{r['p95_ms']:>8} {r['p99_ms']:>8} {r['errors']:>6}  {r['statuses']}"
        )


def load_runs(args, static_root: Path) -> list[dict]:
    rows = []
    with redis_server(args.cache == "redis") as redis_url:
        print(f"cache: {'Redis ' + redis_url if redis_url else 'local memory per worker'}")
        for mode, seconds in (("cached", 300), ("uncached", 0)):
            if args.mode not in ("both", mode):
                continue
            env = production_env(args.database_url, seconds, redis_url)
            with gunicorn(env, args.workers, args.threads, static_root) as port:
                paths = scenario_paths(port, 2000 if mode == "uncached" else 200)
                for name, urls in paths.items():
                    if args.only != "all" and name not in args.only.split(","):
                        continue
                    warm(port, urls if mode == "cached" else urls[:5])
                    rate = TARGET_RATES[mode].get(name, 0) if args.paced else 0
                    result = asyncio.run(run_load(port, urls, args.users, args.duration, rate=rate))
                    label = f"{mode}@{rate:g}/s" if rate else mode
                    row = {"mode": label, **result.row(name), "urls": len(urls)}
                    rows.append(row)
                    print_table([row])
    return rows
