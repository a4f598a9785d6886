"""The load generator: concurrent users on keep-alive connections, timing every request.

asyncio and plain HTTP/1.1 from the standard library: one process holds all the users.
Part of bench/load.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import statistics
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from common import percentile


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
