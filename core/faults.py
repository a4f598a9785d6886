"""Turn a lost database connection into a friendly 503 instead of a 500.

While PostgreSQL restarts, every query raises OperationalError or InterfaceError; on SQLite a
writer may wait too long for the lock ("database is locked"). That is an outage, not a bug:
readers get "try again shortly" with Retry-After, and the next request after the database is
back opens a fresh connection by itself (CONN_HEALTH_CHECKS in base.py).

The page tells the truth about what was saved. For a request that changes data, the middleware
notes every write that was committed (an autocommitted statement at once, one inside a
transaction when it commits). If a publish committed and a later step failed, the editor reads
"your change was saved, do not repeat it"; if nothing was committed, "nothing was saved".
"""

from __future__ import annotations

import logging
import sys
from contextlib import ExitStack
from typing import Any

from django.db import InterfaceError, OperationalError, connections, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .error_pages import plain_error_page

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
WRITE_STATEMENTS = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class CommittedWrites:
    """An execute wrapper that records whether a write of this request reached the database."""

    def __init__(self) -> None:
        self.committed = False

    def _mark(self) -> None:
        self.committed = True

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        result = execute(sql, params, many, context)
        if sql.lstrip()[:7].upper().startswith(WRITE_STATEMENTS):
            connection = context["connection"]
            if connection.in_atomic_block:
                transaction.on_commit(self._mark, using=connection.alias)
            else:
                self._mark()
        return result


def _message(request: HttpRequest | None) -> str:
    writes: CommittedWrites | None = getattr(request, "committed_writes", None)
    if writes is None:
        return _(
            "We are having a short technical interruption. Please try again in a minute; "
            "nothing you have published is lost."
        )
    if writes.committed:
        return _(
            "Your change was saved, but the page confirming it could not be shown because "
            "the database was busy. Do not repeat the change: reload the page in a minute "
            "to see it."
        )
    return _(
        "The database was busy and nothing was saved. Please try again in a minute; "
        "what was published before is not affected."
    )


def service_unavailable(request: HttpRequest | None = None, what: str = "") -> HttpResponse:
    """A self-contained 503 page: no templates with context processors, no database."""
    return plain_error_page(
        _("The service is temporarily unavailable"),
        _message(request),
        status=503,
        retry_after=RETRY_AFTER_SECONDS,
    )


class DatabaseUnavailableMiddleware:
    """Answers 503 when a view fails because the database cannot be reached."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        request.committed_writes = CommittedWrites()
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(request.committed_writes))
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
