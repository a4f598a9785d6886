"""The API's viewsets: pages, images and documents, public and read-only."""

from __future__ import annotations

import logging
from decimal import DecimalException
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldError
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api import APIField
from wagtail.api.rich_text import APIRichText
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Page, Site

from core import wagtail_patches
from core.published_use import ids_used_on_public_pages
from practices.models import PracticeContact, PracticePage

from .fields import SiteImageRenditionField
from .filters import PRACTICE_FILTERS, PracticeFilter
from .serializers import API_FIELDS, PRACTICE_LISTING_FIELDS, LocalisedPageSerializer

logger = logging.getLogger(__name__)

# Largest value accepted for integer parameters: beyond it the databases overflow (a 500).
MAX_INTEGER = 2**31 - 1
INTEGER_PARAMETERS = frozenset(
    ["id", "offset", "limit", "child_of", "descendant_of", "ancestor_of", "translation_of"]
)


class PublicReadOnlyMixin:
    """JSON only, no authentication, and bad input answered with 400, never 500."""

    renderer_classes = [JSONRenderer]
    authentication_classes: list = []
    permission_classes = [AllowAny]

    def check_query_parameters(self, queryset: QuerySet) -> None:
        super().check_query_parameters(queryset)
        for name in INTEGER_PARAMETERS.intersection(self.request.GET.keys()):
            value = self.request.GET[name].strip()
            if value.lstrip("-").isdigit() and abs(int(value)) > MAX_INTEGER:
                raise BadRequestError(f"{name} is out of range")
        if any("\x00" in value for value in self.request.GET.values()):
            raise BadRequestError("null characters are not allowed")

    def handle_exception(self, exc: Exception) -> Response:
        # Malformed values reach the ORM as ValidationError (dates), ValueError/TypeError or a
        # database DataError; all of them are the caller's mistake.
        if isinstance(
            exc,
            DjangoValidationError
            | ValueError
            | TypeError
            | OverflowError
            | FieldError
            | DataError
            | DecimalException,
        ):
            logger.info("API request rejected: %s", exc)
            return Response({"message": "invalid query parameter"}, status=400)
        return super().handle_exception(exc)

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        # Public data without credentials: any web page may read it (CORS).
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def resolve_rich_text_format(self) -> str:
        # Readers of a public API want links that work, not Wagtail's internal references.
        if "rich_text_format" not in self.request.GET:
            return APIRichText.FORMAT_HTML
        return super().resolve_rich_text_format()


class PublicPagesAPIViewSet(PublicReadOnlyMixin, PagesAPIViewSet):
    base_serializer_class = LocalisedPageSerializer
    filter_backends = [
        backend if backend is not SearchFilter else PracticeFilter
        for backend in PagesAPIViewSet.filter_backends
    ] + [SearchFilter]  # SearchFilter must stay last: search results cannot be filtered
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(PRACTICE_FILTERS)

    @classmethod
    def get_body_fields(cls, model: type) -> list[APIField]:
        return wagtail_patches.convert_api_fields(
            cls,
            cls.body_fields + list(getattr(model, "api_fields", ())) + API_FIELDS.get(model, []),
        )

    @classmethod
    def get_available_fields(cls, model: type, db_fields_only: bool = False) -> list[str]:
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if db_fields_only:
            # These names are our taxonomy filters, not plain field lookups (the FK id).
            fields = [name for name in fields if name not in PRACTICE_FILTERS]
        return fields

    @classmethod
    def get_listing_default_fields(cls, model: type) -> list[str]:
        fields = super().get_listing_default_fields(model)
        if model is PracticePage:
            fields += PRACTICE_LISTING_FIELDS
        return fields

    def find_object(self, queryset: QuerySet, request: Any) -> Page | None:
        """?html_path= with the language prefix the site's URLs carry (/sv/..., /en/...).

        Wagtail routes the path from the site's root page, which is the Swedish home page, so
        "/sv/kommuner/hylte/" would not be found, nor any English page.
        """
        path = request.GET.get("html_path")
        site = Site.find_for_request(request)
        if not path or site is None:
            return super().find_object(queryset, request)
        components = [component for component in path.split("/") if component]
        root = site.root_page
        languages = {code for code, _name in settings.LANGUAGES}
        if components and components[0] in languages:
            locale = Locale.objects.filter(language_code=components[0]).first()
            root = (root.get_translation_or_none(locale) if locale else None) or root
            components = components[1:]
        try:
            page, _args, _kwargs = root.specific.route(request, components)
        except Http404:
            return None
        return page if queryset.filter(pk=page.pk).exists() else None

    def get_base_queryset(self) -> QuerySet:
        # Reading a page's URL and locale would otherwise cost a query per item.
        return super().get_base_queryset().select_related("locale")

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        if queryset.model is PracticePage:
            queryset = queryset.select_related(
                "locale", "municipality", "hero_image", "adapted_from"
            ).prefetch_related(
                "target_groups",
                "approaches",
                "participating_municipalities",
                Prefetch("contact_links", PracticeContact.objects.select_related("contact")),
            )
        return queryset


def referenced_by_public_pages(model: type, request: Any) -> list[int]:
    """Ids of objects of `model` used on the pages the API publishes (live, public, this
    site's). Uploaded but unpublished images and documents (a draft's photos, say) stay
    private."""
    return ids_used_on_public_pages(model, PagesAPIViewSet(request=request).get_base_queryset())


class PublicImagesAPIViewSet(PublicReadOnlyMixin, ImagesAPIViewSet):
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    body_fields = [*ImagesAPIViewSet.body_fields, "description"]
    # Originals may carry camera metadata (even a location); only re-encoded renditions are
    # offered, so "download_url" is left out.
    meta_fields = [name for name in ImagesAPIViewSet.meta_fields if name != "download_url"]
    listing_default_fields = [
        *[name for name in ImagesAPIViewSet.listing_default_fields if name != "download_url"],
        "description",
        "thumbnail",
    ]
    nested_default_fields = [
        *[name for name in ImagesAPIViewSet.nested_default_fields if name != "download_url"],
        "thumbnail",
    ]

    @classmethod
    def get_body_fields(cls, model: type) -> list[APIField]:
        return wagtail_patches.convert_api_fields(
            cls,
            [
                *cls.body_fields,
                APIField(
                    "thumbnail",
                    serializer=SiteImageRenditionField("fill-400x225|format-webp", source="*"),
                ),
                APIField(
                    "large",
                    serializer=SiteImageRenditionField("max-1600x1600|format-webp", source="*"),
                ),
            ],
        )

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        return queryset.filter(pk__in=referenced_by_public_pages(queryset.model, self.request))


class PublicDocumentsAPIViewSet(PublicReadOnlyMixin, DocumentsAPIViewSet):
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        return queryset.filter(pk__in=referenced_by_public_pages(queryset.model, self.request))
