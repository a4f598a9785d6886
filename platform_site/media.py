"""Uploads served by Django itself (SERVE_MEDIA=true, small sites without a web server in front)."""

from __future__ import annotations

import posixpath

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.static import serve

# Documents go through Wagtail's /documents/<id>/ view, which checks collection privacy;
# their files must not be reachable around it.
PRIVATE_PREFIXES = ("documents/",)


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """Serve an upload from MEDIA_ROOT, except document files."""
    normalised = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    if normalised == "documents" or normalised.startswith(PRIVATE_PREFIXES):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
