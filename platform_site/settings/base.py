"""Settings shared by every environment. No secrets and no host names here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    # Our apps, from the base app up (the layers of .importlinter).
    "core",
    "municipalities",
    "practices",
    "search",
    "learning",
    "validation",
    "outreach",
    "opendata",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "dbbackup",
]

# Order matters: the header middleware sits outside the page cache so cached responses get
# the same headers; the page cache sits above sessions and auth so a hit needs no database;
# axes comes last, as its documentation asks. production.py inserts WhiteNoise after Security.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security.SiteCSPMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    "core.faults.DatabaseUnavailableMiddleware",
    "core.cache.AnonymousPageCacheMiddleware",
    "core.cache.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.bad_input.AdminBadInputMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "platform_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.site_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "platform_site.wsgi.application"

# SQLite by default so the site runs with no settings at all; DATABASE_URL switches.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A few editors at once on the embedded default (tests/platform_site/test_settings_sqlite.py):
    # WAL lets readers work while one connection writes; a writer waits up to `timeout`
    # seconds for the lock instead of failing; IMMEDIATE takes the write lock when a
    # transaction begins, so two transactions that read and then write queue up instead of
    # deadlocking ("database is locked" at once, which no timeout helps).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "platform_site.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Swedish first, English second.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# "Translate this page" creates the translation as a draft, even when the source is live:
# readers never get a copy still in the source language (wagtail-localize publishes it by
# default). A translator translates it, a project manager publishes it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Django serves /media/ itself only when this is on (dev.py; production's SERVE_MEDIA variable),
# always through core.media, which refuses document files.
SERVE_MEDIA = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Backups (core/backup.py on django-dbbackup): to BACKUP_DIR unless production.py names a bucket.
STORAGES["dbbackup"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": Path(os.environ.get("BACKUP_DIR") or BASE_DIR / "backups")},
}
DBBACKUP_DATE_FORMAT = "%Y-%m-%d-%H%M%S"
DBBACKUP_BACKUP_METADATA_SETTER = "core.backup.backup_metadata"
DBBACKUP_GPG_RECIPIENT = os.environ.get("DBBACKUP_GPG_RECIPIENT") or None
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP") or 0)  # 0: keep every backup
DBBACKUP_CLEANUP_KEEP = DBBACKUP_CLEANUP_KEEP_MEDIA = BACKUP_KEEP or 10
# A restore may run as another role than the one that owned the tables.
DBBACKUP_CONNECTORS = {
    alias: {"RESTORE_SUFFIX": "--no-owner --no-acl"}
    for alias, db in DATABASES.items()
    if db["ENGINE"] == "django.db.backends.postgresql"
}

# Wagtail
WAGTAIL_SITE_NAME = "Lärplattformen"
# The experts' validation step ends the review without publish rights (validation/workflows.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "validation.workflows.publish_workflow_state"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "platform_site.CustomImage"
# Every admin form checks the ids it is given (core/references.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.reference_file_forms.ScopedImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.reference_file_forms.ScopedDocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILEMBEDS_FINDERS: list[dict] = []  # embeds would fetch from other hosts at run time

# Search: platform_site/settings/search.py (the database backend, or an engine by URL).
from .search import *  # noqa: E402, F403

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@larplattformen.localhost")

# Password used by the demo loader for its accounts; it refuses to run with DEBUG off.
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "demo")

# Labels in the page tree of the admin, used by the language names in templates.
LANGUAGE_NAMES = {"sv": _("Swedish"), "en": _("English")}

# --- Security headers (core/security.py) ------------------------------------------
# Public pages use no inline scripts or styles, so the policy allows only our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# What Wagtail 8's admin needs (tests/browser/test_admin_csp.py drives it in Chromium
# and fails on any violation): no 'unsafe-eval' (its bundles do not evaluate strings at run
# time); 'unsafe-inline' for scripts, because Wagtail's and wagtail-localize's templates still
# have inline <script> blocks without a nonce (date/time widgets, inline panels, the
# translation editor, search promotions); inline styles; the live preview in a same-origin
# iframe.
ADMIN_CSP_PATH_PREFIXES = ["/admin/"]
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
# Wagtail shows user avatars from gravatar.com by default: no requests to other hosts (GDPR).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# --- Brute-force protection of the admin login (django-axes) -------------------------------
# AxesBackend (not AxesStandaloneBackend) first: it also has get_user(), which the test
# client's force_login() needs from the first backend in this list.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Three criteria, each with its own limit within the cool-off (core/login_lockout.py,
# "Login protection" in docs/operations.md): an account from one address (typos: that pair only), an
# account from any address (password guessing spread over many addresses), and an address for
# any account (spraying a few passwords over many accounts; an office behind NAT is many
# editors, so higher). A lock lasts AXES_COOLOFF_TIME after the last failure.
AXES_HANDLER = "core.login_lockout.LoginLockoutHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_CRITERION_FAILURE_LIMITS = {
    "ip_address+username": AXES_FAILURE_LIMIT,
    "username": int(os.environ.get("AXES_ACCOUNT_FAILURE_LIMIT", "10")),
    "ip_address": int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20")),
}
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no start-up banner in every management command
AXES_LOCKOUT_CALLABLE = "core.security.axes_lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
# X-Forwarded-For is trusted only when a reverse proxy is declared (AXES_PROXY_COUNT): a client
# could otherwise send a new address with every attempt and never be locked out.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# --- Caching (core/cache.py) -------------------------------------------------------
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# 0 turns the anonymous page cache off (development, tests); production.py turns it on.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
# Menu, footer links and language alternates, reused by pages rendered without the page cache.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "0"))
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_EXCLUDED_PATH_PREFIXES = [
    "/admin/",
    "/documents/",  # served with per-collection privacy checks
    "/health/",
    "/i18n/",
    "/static/",
    "/media/",
]
# The search view records every query for the search statistics, so it is never cached.
PAGE_CACHE_EXCLUDED_NAMESPACES = ["search"]
