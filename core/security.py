"""Security headers and the admin's brute-force lockout page.

The public site is built without inline scripts or styles, so it gets a strict
Content-Security-Policy. The Wagtail admin still needs inline styles and a few script
allowances, so paths under ADMIN_CSP_PATH_PREFIXES get ADMIN_CONTENT_SECURITY_POLICY instead.
"""

from __future__ import annotations

import contextlib
from typing import Any

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext as _

from .error_pages import plain_error_page


def _is_admin_path(request: HttpRequest) -> bool:
    prefixes = tuple(getattr(settings, "ADMIN_CSP_PATH_PREFIXES", ("/admin/",)))
    return request.path_info.startswith(prefixes)


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's relaxed policy chosen by path."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        # Wagtail's preview renders the page through this middleware with a dummy request for
        # the public URL, which stamps the public policy (frame-ancestors 'none') on it; the
        # real admin request that embeds it in the preview panel must replace that header.
        if _is_admin_path(request) and not getattr(request, "is_dummy", False):
            with contextlib.suppress(KeyError):
                del response[HEADER]
        return super().process_response(request, response)

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_policy = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", None)
        # A view's own @csp decorator (parts.config) still wins over the path-based choice.
        if not report_only and parts.config is None and admin_policy and _is_admin_path(request):
            parts.config = admin_policy.get("DIRECTIVES", {})
        return parts


class PermissionsPolicyMiddleware:
    """Adds Permissions-Policy: the site needs no camera, microphone, location or payment."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response
        policy: dict[str, list[str]] = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in policy.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


def axes_lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """A plain, friendly page after too many failed logins (django-axes' AXES_LOCKOUT_CALLABLE).

    The self-contained error page (core.error_pages): no context processors, no
    database, so it works even when those are the problem.
    """
    cool_off = getattr(settings, "AXES_COOLOFF_TIME", None)
    minutes = int(cool_off.total_seconds() // 60) if hasattr(cool_off, "total_seconds") else 60
    title = _("Too many failed login attempts")
    message = _(
        "For your security, logging in is blocked for %(minutes)d minutes after too many "
        "failed attempts. Wait and try again, or ask a project manager to unlock your account."
    ) % {"minutes": minutes}
    return plain_error_page(
        title, message, status=settings.AXES_HTTP_RESPONSE_CODE, retry_after=minutes * 60
    )
