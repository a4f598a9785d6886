"""gunicorn settings, read from the environment (gunicorn loads ./gunicorn.conf.py by itself).

Run: DJANGO_SETTINGS_MODULE=platform_site.settings.production gunicorn platform_site.wsgi
"""

import multiprocessing
import os


def _env(name: str, default: str) -> str:
    # Empty values (as in a copied .env.example) count as unset.
    return os.environ.get(name, "").strip() or default


bind = _env("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Pages are rendered with the CPU; threads help while a worker waits on the database or cache.
workers = int(_env("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(_env("GUNICORN_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(_env("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow memory leak never becomes an outage.
max_requests = int(_env("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# Trust X-Forwarded-* only from the reverse proxy in front of us.
forwarded_allow_ips = _env("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-" if _env("GUNICORN_ACCESS_LOG", "").lower() in {"1", "true"} else None
errorlog = "-"
loglevel = _env("LOG_LEVEL", "info").lower()
# In containers /tmp may be on disk; the heartbeat files belong in memory.
if os.path.isdir("/dev/shm"):  # noqa: S108 - gunicorn's own advice, not a temp file of ours
    worker_tmp_dir = "/dev/shm"  # noqa: S108


def post_worker_init(worker) -> None:
    """Tune the garbage collector once the app is loaded in the worker.

    Django, Wagtail and the compiled templates are long-lived: freezing them keeps the full
    collections, which otherwise walk them again and again, short. A higher first threshold
    means fewer collections while a page is rendered (requests allocate many small objects
    that die young anyway).
    """
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
