"""Absolute URLs lead somewhere: in development they follow PORT, in production the Site's host
name and WAGTAILADMIN_BASE_URL are their only source."""

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Site

from tests import factories

pytestmark = pytest.mark.django_db


def _dev_setting(name: str, **env: str) -> str:
    code = f"from platform_site.settings import dev; print(dev.{name})"
    environment = {k: v for k, v in os.environ.items() if k != "WAGTAILADMIN_BASE_URL"}
    result = subprocess.run(  # noqa: S603 - our own interpreter and settings module
        [sys.executable, "-c", code],
        env={**environment, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_development_admin_links_follow_port():
    assert _dev_setting("WAGTAILADMIN_BASE_URL", PORT="8802") == "http://127.0.0.1:8802"
    assert _dev_setting("WAGTAILADMIN_BASE_URL") == "http://127.0.0.1:8000"
    assert (
        _dev_setting("WAGTAILADMIN_BASE_URL", PORT="8802", WAGTAILADMIN_BASE_URL="http://x.test")
        == "http://x.test"
    )


def test_development_site_follows_port(client, site_tree):
    # The demo loader registers the site as localhost:80, where nothing answers.
    practice = factories.PracticePageFactory(parent=site_tree["municipality_sv"])
    with override_settings(DEBUG=True):
        call_command("dev_site", "--port", "8802", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8802"
    practice.refresh_from_db()
    assert practice.full_url.startswith("http://127.0.0.1:8802/sv/")
    html = client.get(practice.url, HTTP_HOST="127.0.0.1:8802").content.decode()
    assert f'<link rel="canonical" href="{practice.full_url}"' in html
    feed = client.get("/sv/feeds/practices.atom", HTTP_HOST="127.0.0.1:8802")
    assert feed.status_code == 200
    assert practice.full_url in feed.content.decode()
    assert "http://localhost/" not in feed.content.decode()
    # A second run changes nothing.
    with override_settings(DEBUG=True):
        call_command("dev_site", "--port", "8802", stdout=io.StringIO())
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8802"


def test_production_never_rewrites_the_site(site_tree):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "larplattformen.example", 443
    site.save()
    with override_settings(DEBUG=False), pytest.raises(CommandError):
        call_command("dev_site", "--port", "8802", stdout=io.StringIO())
    practice = factories.PracticePageFactory(parent=site_tree["municipality_sv"])
    assert practice.full_url.startswith("https://larplattformen.example/sv/")


def test_production_takes_the_admin_base_url_from_the_environment():
    code = "from platform_site.settings import production as p; print(p.WAGTAILADMIN_BASE_URL)"
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "larplattformen.example",
        "WAGTAILADMIN_BASE_URL": "https://larplattformen.example",
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/x",
        "PORT": "8802",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True
    )
    assert result.stdout.strip() == "https://larplattformen.example", result.stderr[-500:]
    del env["WAGTAILADMIN_BASE_URL"]
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True
    )
    assert result.returncode != 0
