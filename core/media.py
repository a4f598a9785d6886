"""Uploads served by Django itself: `make run` (dev settings) and SERVE_MEDIA=true in production.

Both go through serve_media, so development refuses document files exactly as production does.
"""

from __future__ import annotations

import posixpath

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, re_path
from django.views.static import serve

# Documents go through Wagtail's /documents/<id>/ view, which checks collection privacy;
# their files must not be reachable around it.
PRIVATE_PREFIXES = ("documents/",)


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """Serve an upload from MEDIA_ROOT, except document files."""
    normalised = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    if normalised == "documents" or normalised.startswith(PRIVATE_PREFIXES):
        raise Http404
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError) as exc:
        # A name longer than the file system allows (ENAMETOOLONG), or one with a NUL byte:
        # no such file can exist.
        raise Http404 from exc


def media_urlpatterns() -> list[URLPattern]:
    """The /media/ pattern when Django serves uploads itself (SERVE_MEDIA), else none."""
    if not getattr(settings, "SERVE_MEDIA", False):
        return []
    prefix = settings.MEDIA_URL.lstrip("/")
    return [re_path(rf"^{prefix}(?P<path>.*)$", serve_media, name="media")]
