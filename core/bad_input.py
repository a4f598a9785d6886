"""Malformed requests to the admin answer 400/404, never 500 (issue 10, class 8).

Wagtail's admin views read some POST keys with request.POST[...] and parse JSON sent by its
widgets (Draftail, comments) without a guard, so a truncated or hand-made POST raises
MultiValueDictKeyError or JSONDecodeError while the form is read, before anything is saved:
that is the client's error, a 400. A page number that is not a page is a 404, and so is an
id too large for the database, on any path. A `next` that
is not a path on this site is dropped: Wagtail only ever sends paths, and redirect() would try
to reverse anything else as a URL name.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import BadRequest
from django.core.handlers.exception import response_for_exception
from django.core.paginator import InvalidPage
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDictKeyError

from .security import _is_admin_path

CLIENT_ERRORS = (MultiValueDictKeyError, json.JSONDecodeError)


def _without_foreign_next(query: Any) -> Any:
    values = query.getlist("next")
    if values and not all(v.startswith("/") and not v.startswith("//") for v in values):
        query = query.copy()
        del query["next"]
    return query


class AdminBadInputMiddleware:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _is_admin_path(request):
            request.GET = _without_foreign_next(request.GET)
            if request.method == "POST" and "next" in request.POST:
                request.POST = _without_foreign_next(request.POST)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OverflowError):
            # An id in the URL beyond the database's integer range (SQLite raises while
            # binding it) names no object, on any path: "not found".
            return response_for_exception(request, Http404(str(exception)))
        if not _is_admin_path(request):
            return None
        if isinstance(exception, CLIENT_ERRORS):
            return response_for_exception(request, BadRequest(str(exception)))
        if isinstance(exception, InvalidPage):
            return response_for_exception(request, Http404(str(exception)))
        return None
