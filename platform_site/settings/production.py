"""Production: everything comes from the environment; refuse to start without the essentials.

Every variable is listed in .env.example and in docs/configuration.md.
"""

import importlib.util
import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


def _env(name: str, default: str = "") -> str:
    """The variable's value, or the default when it is unset or empty (as in .env files)."""
    return os.environ.get(name, "").strip() or default


def _flag(name: str, default: bool) -> bool:
    return _env(name, "true" if default else "false").lower() in {
        "1",
        "true",
        "yes",
        "on",
    }


def _list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = False
SECRET_KEY = _required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = _list("DJANGO_CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = _required("WAGTAILADMIN_BASE_URL")

# --- Database -------------------------------------------------------------------------------
# Persistent connections, checked before reuse: after a PostgreSQL restart the first request
# of each worker notices the dead connection and opens a new one instead of failing forever.
DATABASES = {
    "default": dj_database_url.parse(
        _required("DATABASE_URL"),
        conn_max_age=int(_env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast while the database is away, so readers get the 503 page quickly.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(_env("DB_CONNECT_TIMEOUT", "3"))
    )

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = _env("REDIS_URL")
if REDIS_URL:
    if importlib.util.find_spec("redis") is None:
        raise ImproperlyConfigured(
            'REDIS_URL is set but redis is not installed: pip install ".[redis]"'
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "larplattformen",
            # Short timeouts: a Redis outage must slow nothing down (cache.py falls back).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    _default_page_cache_seconds = "300"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
    # Each worker has its own memory cache and sees only its own purges: keep entries short.
    _default_page_cache_seconds = "5"
PAGE_CACHE_SECONDS = int(_env("PAGE_CACHE_SECONDS", _default_page_cache_seconds))
# Independent of the page cache, so pages rendered afresh still reuse menu and footer data.
FRAGMENT_CACHE_SECONDS = int(_env("FRAGMENT_CACHE_SECONDS", _default_page_cache_seconds))

# --- Static and media files -----------------------------------------------------------------
# WhiteNoise serves the collected, compressed, hash-named static files with far-future headers.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {**STORAGES}  # noqa: F405
STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}
WHITENOISE_MAX_AGE = 365 * 24 * 60 * 60

# Without object storage, uploads live in MEDIA_ROOT (base.py). Put a web server in front for
# /media/, or set SERVE_MEDIA=true to let Django serve them (small sites, local runs).
SERVE_MEDIA = _flag("SERVE_MEDIA", False)

# Backups off the machine: a private bucket of its own (django-storages, in the production lock).
BACKUP_S3_BUCKET = _env("BACKUP_S3_BUCKET")
if BACKUP_S3_BUCKET:
    STORAGES["dbbackup"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BACKUP_S3_BUCKET,
            "endpoint_url": _env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": _env("AWS_S3_REGION_NAME") or None,
            "default_acl": "private",
            "file_overwrite": False,
        },
    }

AWS_STORAGE_BUCKET_NAME = _env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured(
            "AWS_STORAGE_BUCKET_NAME is set but django-storages is not installed: "
            'pip install ".[s3]"'
        )
    # S3-compatible object storage for uploads (django-storages; pip install ".[s3]").
    # Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read by boto3 itself.
    AWS_S3_ENDPOINT_URL = _env("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = _env("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = _env("AWS_S3_CUSTOM_DOMAIN") or None
    # Public images are linked from cached pages: signed URLs would expire inside the cache.
    AWS_QUERYSTRING_AUTH = _flag("AWS_QUERYSTRING_AUTH", False)
    AWS_DEFAULT_ACL = None
    AWS_S3_FILE_OVERWRITE = False
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    # Documents keep going through Wagtail's view, which enforces collection privacy.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
    _media_origin = (
        f"https://{AWS_S3_CUSTOM_DOMAIN}" if AWS_S3_CUSTOM_DOMAIN else AWS_S3_ENDPOINT_URL
    ) or f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
    CONTENT_SECURITY_POLICY = {  # noqa: F405
        "DIRECTIVES": {
            **CONTENT_SECURITY_POLICY["DIRECTIVES"],  # noqa: F405
            "img-src": [*CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"], _media_origin],  # noqa: F405
        }
    }

# --- HTTPS and cookies ----------------------------------------------------------------------
# Trust X-Forwarded-Proto only behind a declared proxy that sets it: otherwise any client could
# claim HTTPS by sending the header itself.
if _flag("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _flag("DJANGO_SECURE_SSL_REDIRECT", True)
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = int(_env("DJANGO_HSTS_SECONDS", "31536000"))
# includeSubDomains and preload bind every host under a municipality's domain to HTTPS for a year
# and are slow to undo (the preload list is built into browsers): each is the domain owner's
# choice, so opt-in. Django's deploy check warns about them; that warning is answered here.
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = _flag("DJANGO_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
# The Wagtail admin reads its CSRF token from the page, never from the cookie.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True

# --- E-mail ---------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = _env("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405
SERVER_EMAIL = _env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", address) for address in _list("DJANGO_ADMINS")]
if _env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _env("EMAIL_HOST")
    EMAIL_PORT = int(_env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = _env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = _env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _flag("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 10

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _env("LOG_LEVEL", "INFO")},
}
