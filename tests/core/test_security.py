"""Security headers on public pages and the admin, and secure cookies."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import reverse

from tests import factories

PRODUCTION_LIKE = {
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "CSRF_COOKIE_HTTPONLY": True,
}


def csp_directives(header: str) -> dict[str, list[str]]:
    parts = [p.strip().split() for p in header.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


@pytest.fixture
def public_urls(site_tree, practice) -> list[str]:
    return [
        site_tree["home_sv"].url,
        site_tree["home_en"].url,
        site_tree["practice_index_sv"].url,
        practice.url,
        reverse("search:search") + "?q=exempel",
    ]


@override_settings(**PRODUCTION_LIKE)
def test_public_pages_carry_every_security_header(client, public_urls):
    for url in public_urls:
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        csp = csp_directives(response["Content-Security-Policy"])
        assert csp["script-src"] == ["'self'"], url
        assert csp["style-src"] == ["'self'"], url
        assert csp["object-src"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


def test_public_pages_need_no_inline_script_or_style(client, public_urls):
    """The strict policy only works if templates keep scripts and styles in files."""
    for url in public_urls:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        inline_scripts = [
            s
            for s in soup.find_all("script")
            if not s.get("src") and s.get("type") not in ("application/json", "application/ld+json")
        ]
        assert not inline_scripts, (url, inline_scripts)
        assert not soup.find_all("style"), url
        assert not soup.find_all(style=True), url
        handlers = [
            (tag.name, attr)
            for tag in soup.find_all(True)
            for attr in tag.attrs
            if attr.lower().startswith("on")
        ]
        assert not handlers, (url, handlers)


def test_admin_gets_its_relaxed_policy_and_may_frame_its_preview(admin_client, site_tree):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    csp = csp_directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["style-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    # Wagtail's live preview is shown in a same-origin iframe.
    page = site_tree["home_sv"]
    preview = admin_client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]))
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    # The page is rendered for the preview with a dummy public request; the admin policy wins.
    assert csp_directives(preview["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]


def test_error_pages_carry_the_headers_too(client, site_tree):
    response = client.get("/sv/finns-inte/")
    assert response.status_code == 404
    assert "Content-Security-Policy" in response
    assert response["X-Content-Type-Options"] == "nosniff"


@override_settings(**PRODUCTION_LIKE)
def test_session_and_csrf_cookies_are_secure_and_http_only(client, django_user_model, site_tree):
    django_user_model.objects.create_superuser("redaktor", "r@example.com", "ett-langt-losenord")
    login_url = reverse("wagtailadmin_login")
    form = client.get(login_url, secure=True)
    csrf = form.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form.content).group(1)
    response = client.post(
        login_url,
        {"username": "redaktor", "password": "ett-langt-losenord", "csrfmiddlewaretoken": token},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"


def test_login_only_under_admin(client, site_tree):
    for path in ("/django-admin/", "/login/", "/accounts/login/", "/sv/admin/"):
        # Unknown paths get the language prefix first, then a 404.
        assert client.get(path, follow=True).status_code == 404, path
    assert client.get(reverse("wagtailadmin_login")).status_code == 200


def test_practice_page_renders_with_hero_image_under_strict_policy(client, site_tree):
    """Images are served from our own origin, which img-src 'self' allows."""
    image = factories_image()
    practice = factories.PracticePageFactory(parent=site_tree["municipality_sv"], hero_image=image)
    response = client.get(practice.url)
    soup = BeautifulSoup(response.content, "html.parser")
    sources = [img["src"] for img in soup.find_all("img") if img.get("src")]
    assert sources, "the hero image is shown"
    assert all(src.startswith(("/", "data:")) for src in sources), sources


def factories_image():
    import wagtail_factories

    from core.models import CustomImage

    class ImageFactory(wagtail_factories.ImageFactory):
        class Meta:
            model = CustomImage

    return ImageFactory(title="Bild")
