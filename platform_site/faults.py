"""Turn a lost database connection into a friendly 503 instead of a 500.

While PostgreSQL restarts, every query raises OperationalError or InterfaceError. That is an
outage, not a bug: readers get "try again shortly" with Retry-After, and the next request after
the database is back opens a fresh connection by itself (CONN_HEALTH_CHECKS in base.py).
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10


def _stylesheet_url() -> str:
    try:
        return static("css/site.css")
    except ValueError:  # the manifest is missing: the page is readable without its CSS
        return ""


def service_unavailable(request: HttpRequest | None = None, what: str = "") -> HttpResponse:
    """A self-contained 503 page: no templates with context processors, no database."""
    language = get_language() or "sv"
    title = _("The service is temporarily unavailable")
    message = _(
        "We are having a short technical interruption. Please try again in a minute; "
        "nothing you have published is lost."
    )
    stylesheet = _stylesheet_url()
    body = format_html(
        '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>{} – Lärplattformen</title>{}</head>"
        '<body><main id="main"><h1>{}</h1><p>{}</p>'
        '<p><a href="/sv/">Till startsidan</a> · <a href="/en/" lang="en">Home page</a></p>'
        "</main></body></html>",
        language,
        title,
        format_html('<link rel="stylesheet" href="{}">', stylesheet) if stylesheet else "",
        title,
        message,
    )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Never let a cache or proxy keep the outage page.
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 when a view fails because the database cannot be reached."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_ERRORS):
            logger.warning("Database unavailable for %s: %s", request.path, exception)
            return service_unavailable(request)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: database errors raised outside a view (in middleware) also become a 503."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        return service_unavailable(request)
    from .views import server_error as plain_server_error

    return plain_server_error(request)
