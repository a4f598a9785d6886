"""Error pages that must render when the rest of the site cannot.

The database outage page (faults), the search outage page when even the site's page frame
fails (search.views), and the login lockout page (security, django-axes) are built here from
one template, platform_site/plain_error.html, which 500.html extends too. It is rendered
without a request, so no context processor runs and nothing touches the database, and it
needs no static files manifest.

Imports only Django (and core.locales, which imports only Django and Wagtail).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static

from .locales import active_language

TEMPLATE = "platform_site/plain_error.html"


def stylesheet_url() -> str:
    """The site's stylesheet, or "" when the static files manifest is missing."""
    try:
        return static("css/site.css")
    except ValueError:  # the manifest is missing: the page is readable without its CSS
        return ""


def plain_error_page(
    title: str, message: str, *, status: int, retry_after: int | None = None
) -> HttpResponse:
    """A self-contained error page in the active language: a heading, a message, home links.

    `retry_after` (seconds) becomes a Retry-After header. The page describes this moment
    only, so no cache or proxy may keep it.
    """
    body = render_to_string(
        TEMPLATE,
        {
            "language": active_language(),
            "title": title,
            "message": message,
            "stylesheet": stylesheet_url(),
        },
    )
    response = HttpResponse(body, status=status)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response
