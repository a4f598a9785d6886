"""core.error_pages: the one self-contained error page (503s, lockout, 500)."""

import re

from django.template import loader
from django.utils import translation

from core import error_pages
from core.error_pages import plain_error_page


def test_a_page_in_the_active_language_with_its_headers(django_assert_num_queries, db):
    with translation.override("en"), django_assert_num_queries(0):
        response = plain_error_page("Down", "Try again.", status=503, retry_after=30)
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in html
    assert "<title>Down – Lärplattformen</title>" in html
    assert "<h1>Down</h1>" in html and "<p>Try again.</p>" in html
    assert 'href="/sv/"' in html and 'href="/en/"' in html


def test_without_retry_after_no_header():
    response = plain_error_page("Locked", "Wait.", status=429)
    assert "Retry-After" not in response


def test_text_is_escaped():
    html = plain_error_page("<b>x</b>", "<script>alert(1)</script>", status=503).content
    assert b"<script>" not in html and b"<b>" not in html
    assert b"&lt;script&gt;" in html


def test_no_inline_style_or_script():
    # The Content-Security-Policy forbids both.
    html = plain_error_page("Down", "Later.", status=503).content.decode()
    assert not re.search(r"<style|style=|<script", html)


def test_the_stylesheet_is_left_out_without_a_manifest(monkeypatch):
    def missing(path):
        raise ValueError("Missing staticfiles manifest entry")

    monkeypatch.setattr(error_pages, "static", missing)
    html = plain_error_page("Down", "Later.", status=503).content.decode()
    assert "<link" not in html
    assert "<h1>Down</h1>" in html


def test_the_500_page_shares_the_template():
    html = loader.get_template("500.html").render()
    assert '<html lang="sv">' in html
    assert "<title>Tekniskt fel – Lärplattformen</title>" in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert '<h2 lang="en">Technical error</h2>' in html
    assert 'href="/en/"' in html
