"""The servers of the load test: gunicorn with the production settings, and Redis.

Both listen on a free loopback port and are stopped when their `with` block ends.
Part of bench/load.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from common import REPO

PYTHON = sys.executable


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
