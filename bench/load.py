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
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from common import REPO, connect, create_postgres_database, is_postgres, percentile, use_project

PYTHON = sys.executable
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/larplattformen_bench"
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
WORDS = (
    "skola skolorna språk språkcafé mötesplats mötesplatser arbete arbetsgivare praktik "
    "praktikplats föräldrar föräldraskap hälsa hälsokommunikatör bostad boende mentor "
    "mentorer svenska svenskundervisning nyanlända ungdomar samhällsorientering idrott "
    "förening föreningar bibliotek jobb validering kvinnor män studiecirkel integration "
    "kommun kommunen region samverkan Arbetsförmedlingen Migrationsverket volontärer "
    "uppföljning resultat deltagare utbildning yrkesutbildning vård omsorg lärling "
    "introduktion etablering nätverk kultur fritid läxhjälp barn familj"
).split()


# Offered load with --paced: the targets (requests/s) for each scenario and mode.
TARGET_RATES = {
    "cached": {"home": 500, "practice": 500, "practice_index_filters": 500, "search": 30},
    "uncached": {"home": 50, "practice": 50, "practice_index_filters": 50, "search": 30},
}

# --- data --------------------------------------------------------------------------------


def manage(*args: str, env: dict[str, str], quiet: bool = True) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=REPO,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def generate_practices(target: int) -> None:
    """Runs inside a Django process (--generate): adds practices until there are `target`."""
    use_project()  # run as a script, bench/ is on the path, not the project
    import django

    django.setup()
    from datetime import date, timedelta

    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings
    from django.utils import timezone
    from wagtail.models import Locale

    from municipalities.models import MunicipalityPage
    from practices.models import Approach, PracticePage, TargetGroup
    from practices.models.practice import EvidenceLevel, PracticeStatus

    rng = random.Random(20260101)
    sv = Locale.objects.get(language_code="sv")
    existing = PracticePage.objects.filter(locale=sv).count()
    missing = target - existing
    if missing <= 0:
        print(f"  {existing} Swedish practices already there")
        return
    municipalities = list(MunicipalityPage.objects.live().filter(locale=sv))
    groups = list(TargetGroup.objects.filter(locale=sv))
    approaches = list(Approach.objects.filter(locale=sv))
    statuses = list(PracticeStatus.values)
    evidence_levels = list(EvidenceLevel.values)

    def sentence(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."

    # Index once at the end instead of after every save: far faster for 10,000 pages.
    backends = {
        name: {**conf, "AUTO_UPDATE": False}
        for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    started = time.monotonic()
    group_links, approach_links = [], []
    now = timezone.now()
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        for i in range(existing, target):
            parent = municipalities[i % len(municipalities)]
            page = PracticePage(
                title=f"{sentence(3)[:-1]} {i}",
                slug=f"bench-{i}",
                summary=sentence(18),
                challenge=f"<p>{sentence(40)}</p>",
                what_was_done=f"<p>{sentence(60)}</p><p>{sentence(40)}</p>",
                results=f"<p>{sentence(30)}</p>",
                lessons_learned=f"<p>{sentence(30)}</p>",
                status=rng.choice(statuses),
                evidence_level=rng.choice(evidence_levels),
                last_verified=date(2025, 1, 1) + timedelta(days=rng.randrange(365)),
                first_published_at=now - timedelta(minutes=i),
                last_published_at=now - timedelta(minutes=i),
                live=True,
                locale=sv,
            )
            parent.add_child(instance=page)
            for group in rng.sample(groups, k=min(2, len(groups))):
                group_links.append(
                    PracticePage.target_groups.through(practicepage=page, targetgroup=group)
                )
            for approach in rng.sample(approaches, k=min(2, len(approaches))):
                approach_links.append(
                    PracticePage.approaches.through(practicepage=page, approach=approach)
                )
            if (i - existing) % 1000 == 999:
                print(
                    f"  {i + 1 - existing}/{missing} practices, {time.monotonic() - started:.0f} s"
                )
    PracticePage.target_groups.through.objects.bulk_create(group_links, ignore_conflicts=True)
    PracticePage.approaches.through.objects.bulk_create(approach_links, ignore_conflicts=True)
    print(f"  created {missing} practices in {time.monotonic() - started:.0f} s; indexing…")
    started = time.monotonic()
    call_command("update_index", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"  search index rebuilt in {time.monotonic() - started:.0f} s")


def prepare(database_url: str, practices: int, static_root: Path) -> None:
    print(f"Preparing {database_url} with {practices} practices")
    create_postgres_database(database_url)
    dev_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "platform_site.settings.dev",
        "DATABASE_URL": database_url,
    }
    manage("migrate", "--noinput", env=dev_env)
    manage("load_demo", "--no-accounts", env=dev_env)
    subprocess.run(
        [PYTHON, __file__, "--generate", str(practices)], cwd=REPO, env=dev_env, check=True
    )
    manage(
        "collectstatic",
        "--noinput",
        env={**production_env(database_url, 0, ""), "STATIC_ROOT": str(static_root)},
    )


# --- server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(
    database_url: str, page_cache_seconds: int, redis_url: str, **extra: str
) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "platform_site.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-" + "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": database_url,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "PAGE_CACHE_SECONDS": str(page_cache_seconds),
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "ERROR",
        **extra,
    }
    return env


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: int, threads: int, static_root: Path):
    port = free_port()
    env = {
        **env,
        "STATIC_ROOT": str(static_root),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_THREADS": str(threads),
        "GUNICORN_MAX_REQUESTS": "0",
    }
    process = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "platform_site.wsgi"], cwd=REPO, env=env
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/health/", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("gunicorn did not become healthy within 60 s")
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@contextlib.contextmanager
def redis_server(enabled: bool):
    binary = shutil.which("redis-server")
    if not enabled or not binary:
        yield ""
        return
    port = free_port()
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


# --- load --------------------------------------------------------------------------------


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: int = 0
    timeline: dict[int, Counter] = field(default_factory=lambda: defaultdict(Counter))
    seconds: float = 0.0

    def row(self, name: str) -> dict:
        lat = self.latencies

        def pct(p: float) -> float:
            return percentile(lat, p / 100) * 1000

        bad = self.errors + sum(n for s, n in self.statuses.items() if s >= 500 or s == 0)
        return {
            "scenario": name,
            "requests": len(lat),
            "rps": round(len(lat) / self.seconds, 1) if self.seconds else 0,
            "p50_ms": round(pct(50), 1),
            "p95_ms": round(pct(95), 1),
            "p99_ms": round(pct(99), 1),
            "mean_ms": round(statistics.fmean(lat) * 1000, 1) if lat else float("nan"),
            "errors": bad,
            "statuses": dict(sorted(self.statuses.items())),
        }


async def fetch(reader, writer, path: str, host: str) -> tuple[int, bool]:
    """One GET on a keep-alive connection; returns (status, connection still usable)."""
    # The same Host header as urllib's warm-up requests, so both use the same cache entries.
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: bench\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            key, value = line.split(":", 1)
            headers[key.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.read()
        return status, False
    return status, headers.get("connection", "").lower() != "close"


async def user(
    port: int,
    paths: list[str],
    deadline: float,
    result: Result,
    started: float,
    rng: random.Random,
    interval: float = 0.0,
) -> None:
    """One user: a keep-alive connection, requests back to back, or one per `interval` s."""
    reader = writer = None
    host = f"127.0.0.1:{port}"
    next_at = started + rng.random() * interval  # spread the users' phases over one interval
    while time.monotonic() < deadline:
        if interval:
            delay = next_at - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            next_at += interval
            if time.monotonic() >= deadline:
                break
        path = rng.choice(paths)
        t0 = time.monotonic()
        try:
            if writer is None:
                reader, writer = await asyncio.wait_for(
                    asyncio.open_connection("127.0.0.1", port), 10
                )
            status, keep = await asyncio.wait_for(fetch(reader, writer, path, host), 30)
            if not keep:
                writer.close()
                writer = None
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            status = 0
            result.errors += 1
            if writer is not None:
                writer.close()
            writer = None
            await asyncio.sleep(0.05)  # a refused connection must not become a busy loop
        elapsed = time.monotonic() - t0
        result.latencies.append(elapsed)
        result.statuses[status] += 1
        result.timeline[int(t0 - started)][status] += 1
    if writer is not None:
        writer.close()


async def run_load(
    port: int, paths: list[str], users: int, duration: float, seed: int = 1, rate: float = 0
) -> Result:
    """`users` concurrent users for `duration` s; with `rate`, together at most rate req/s."""
    result = Result()
    started = time.monotonic()
    deadline = started + duration
    rng = random.Random(seed)
    interval = users / rate if rate else 0.0
    await asyncio.gather(
        *(
            user(port, paths, deadline, result, started, random.Random(rng.random()), interval)
            for _ in range(users)
        )
    )
    result.seconds = time.monotonic() - started
    return result


def warm(port: int, paths: list[str], concurrency: int = 6) -> None:
    """Request every path once (filling the cache in cached mode), a few at a time."""

    async def one(path: str, gate: asyncio.Semaphore) -> None:
        async with gate:
            with contextlib.suppress(OSError, asyncio.TimeoutError, ValueError):
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                await asyncio.wait_for(fetch(reader, writer, path, f"127.0.0.1:{port}"), 60)
                writer.close()

    async def all_paths() -> None:
        gate = asyncio.Semaphore(concurrency)
        await asyncio.gather(*(one(path, gate) for path in paths))

    asyncio.run(all_paths())


# --- scenarios ---------------------------------------------------------------------------


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


def resolve_search_path(port: int) -> str:
    for candidate in ("/sv/sok/", "/sv/search/"):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{candidate}", timeout=30):  # noqa: S310
                return candidate
        except OSError:
            continue
    return "/sv/sok/"


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


# --- faults ------------------------------------------------------------------------------


def analyze(database_url: str) -> None:
    # From this process, which runs no Django: psycopg straight to the database.
    with connect(database_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


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


@contextlib.contextmanager
def gunicorn_without_health(env: dict[str, str], static_root: Path):
    """Like gunicorn(), but waits for the home page: /health/ is 503 by design here."""
    port = free_port()
    env = {
        **env,
        "STATIC_ROOT": str(static_root),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
    }
    process = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "platform_site.wsgi"], cwd=REPO, env=env
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/sv/", timeout=5).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.3)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


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
            dev_env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "platform_site.settings.dev",
                "DATABASE_URL": args.database_url,
            }
            manage("migrate", "--noinput", env=dev_env)
        # Fresh planner statistics: right after generating 10,000 pages PostgreSQL still
        # believes the tables are nearly empty and picks plans a thousand times slower.
        analyze(args.database_url)
        if args.skip_setup:
            manage(
                "collectstatic",
                "--noinput",
                env={**production_env(args.database_url, 0, ""), "STATIC_ROOT": str(static_root)},
            )
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
