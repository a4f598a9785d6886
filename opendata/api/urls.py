"""The API's router and URLconf, included by platform_site/urls.py."""

from __future__ import annotations

import functools
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from wagtail.api.v2.router import WagtailAPIRouter

from .views import PublicDocumentsAPIViewSet, PublicImagesAPIViewSet, PublicPagesAPIViewSet

# The URLconf that LocaleMiddleware sees for API responses: this module, without i18n_patterns.
# With the site's own URLconf, LocaleMiddleware answers every 404 outside /sv/ and /en/ with a
# redirect to /sv/<path> (Wagtail's catch-all makes any path "valid"), so an API client asking
# for a missing page would land on an HTML page instead of a JSON 404.
API_URLCONF = __name__


class PublicAPIRouter(WagtailAPIRouter):
    def wrap_view(self, func: Any) -> Any:
        wrapped = super().wrap_view(func)

        @functools.wraps(wrapped)
        def view(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            # URL resolution is already done, so this affects only the response middleware.
            request.urlconf = API_URLCONF
            return wrapped(request, *args, **kwargs)

        return view


api_router = PublicAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)


def api_not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    request.urlconf = API_URLCONF
    return JsonResponse({"message": "not found"}, status=404)


urlpatterns = [
    path("api/v2/", api_router.urls),
    re_path(r"^api/(?P<path>.*)$", api_not_found),
]
