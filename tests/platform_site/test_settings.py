"""production.py: fails fast without its required variables, and reads the optional ones."""

import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

REPO = Path(__file__).resolve().parents[2]

REQUIRED = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-with-enough-entropy-0123456789",
    "DJANGO_ALLOWED_HOSTS": "larplattformen.example,www.larplattformen.example",
    "WAGTAILADMIN_BASE_URL": "https://larplattformen.example",
    "DATABASE_URL": "postgres://app:secret@db.internal:5432/larplattformen",
}
OPTIONAL = [
    "REDIS_URL",
    "PAGE_CACHE_SECONDS",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_S3_ENDPOINT_URL",
    "EMAIL_HOST",
    "SERVE_MEDIA",
    "BACKUP_S3_BUCKET",
    "BACKUP_DIR",
]


def load_production(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict:
    for name in [*REQUIRED, *OPTIONAL]:
        monkeypatch.delenv(name, raising=False)
    for name, value in {**REQUIRED, **env}.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    return runpy.run_module("platform_site.settings.production")


@pytest.mark.parametrize("missing", list(REQUIRED))
def test_refuses_to_start_without_required_variable(monkeypatch, missing):
    with pytest.raises(ImproperlyConfigured, match=missing):
        load_production(monkeypatch, **{missing: None})


def test_blank_required_variable_counts_as_missing(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        load_production(monkeypatch, DJANGO_SECRET_KEY="   ")


def test_defaults_are_secure(monkeypatch):
    s = load_production(monkeypatch)
    assert s["DEBUG"] is False
    assert s["ALLOWED_HOSTS"] == ["larplattformen.example", "www.larplattformen.example"]
    assert s["SESSION_COOKIE_SECURE"] and s["SESSION_COOKIE_HTTPONLY"]
    assert s["CSRF_COOKIE_SECURE"] and s["CSRF_COOKIE_HTTPONLY"]
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SECURE_HSTS_SECONDS"] >= 31536000
    db = s["DATABASES"]["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert db["CONN_HEALTH_CHECKS"] is True and db["CONN_MAX_AGE"] > 0
    assert db["OPTIONS"]["connect_timeout"] <= 5
    # WhiteNoise right after SecurityMiddleware, hashed and compressed static files.
    mw = s["MIDDLEWARE"]
    assert mw.index("whitenoise.middleware.WhiteNoiseMiddleware") == 1
    assert "Manifest" in s["STORAGES"]["staticfiles"]["BACKEND"]
    assert s["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert 0 < s["PAGE_CACHE_SECONDS"] <= 10  # per-process cache: purges reach others by expiry


def test_redis_cache_when_redis_url_is_set(monkeypatch):
    s = load_production(monkeypatch, REDIS_URL="redis://127.0.0.1:6379/1")
    cache = s["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/1"
    assert s["PAGE_CACHE_SECONDS"] >= 60


def test_object_storage_when_bucket_is_set(monkeypatch):
    s = load_production(
        monkeypatch,
        AWS_STORAGE_BUCKET_NAME="media",
        AWS_S3_CUSTOM_DOMAIN="media.larplattformen.example",
    )
    assert s["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (
        "https://media.larplattformen.example"
        in (s["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"])
    )
    assert s["WAGTAILDOCS_SERVE_METHOD"] == "serve_view"


def test_backups_go_to_their_own_private_bucket_when_one_is_named(monkeypatch):
    s = load_production(monkeypatch)
    assert s["STORAGES"]["dbbackup"]["BACKEND"].endswith("FileSystemStorage")
    s = load_production(monkeypatch, BACKUP_S3_BUCKET="backups", AWS_STORAGE_BUCKET_NAME="media")
    backups = s["STORAGES"]["dbbackup"]
    assert backups["BACKEND"] == "storages.backends.s3.S3Storage"
    assert backups["OPTIONS"]["bucket_name"] == "backups"
    assert backups["OPTIONS"]["default_acl"] == "private"
    assert s["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"  # media apart


def test_smtp_when_email_host_is_set(monkeypatch):
    s = load_production(monkeypatch, EMAIL_HOST="smtp.example")
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert s["EMAIL_USE_TLS"] is True


def test_every_variable_is_documented():
    """.env.example and docs/configuration.md list every variable the settings files read."""
    sources = "".join(
        path.read_text()
        for path in sorted((REPO / "platform_site/settings").glob("*.py"))
        if path.name not in {"dev.py", "test.py"}  # development and test runs only
    )
    sources += (REPO / "gunicorn.conf.py").read_text()
    reader = r"""(?:environ\.get|_required|_flag|_list|_env)\(\s*["']([A-Z_0-9]+)["']"""
    used = set(re.findall(reader, sources))
    used |= set(re.findall(r"""environ\[["']([A-Z_0-9]+)["']\]""", sources))
    used.add("DATABASE_URL")  # read by dj_database_url.config() in base.py
    example = (REPO / ".env.example").read_text()
    reference = (REPO / "docs/configuration.md").read_text()
    missing_example = sorted(v for v in used if v not in example)
    missing_reference = sorted(v for v in used if v not in reference)
    assert not missing_example, f".env.example lacks {missing_example}"
    assert not missing_reference, f"docs/configuration.md lacks {missing_reference}"


def test_check_deploy_passes_with_production_settings(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "platform_site.settings.production",
        **REQUIRED,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hsts_subdomains_and_preload_are_opt_in(monkeypatch):
    s = load_production(monkeypatch)
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert s["SECURE_HSTS_PRELOAD"] is False
    # The deploy check's warnings about them are answered, not hidden wholesale.
    assert set(s["SILENCED_SYSTEM_CHECKS"]) == {"security.W005", "security.W021"}
    s = load_production(
        monkeypatch, DJANGO_HSTS_INCLUDE_SUBDOMAINS="true", DJANGO_HSTS_PRELOAD="true"
    )
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True and s["SECURE_HSTS_PRELOAD"] is True
    assert s["SILENCED_SYSTEM_CHECKS"] == []


def test_forwarded_proto_is_trusted_only_behind_a_declared_proxy(monkeypatch):
    monkeypatch.delenv("DJANGO_BEHIND_PROXY", raising=False)
    assert "SECURE_PROXY_SSL_HEADER" not in load_production(monkeypatch)
    s = load_production(monkeypatch, DJANGO_BEHIND_PROXY="true")
    assert s["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_spoofed_forwarded_proto_does_not_make_a_request_secure(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = None
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = []
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
