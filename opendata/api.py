"""The public, read-only Wagtail API v2 at /api/v2/: pages, images and documents.

The practice record is exposed whole (taxonomy, municipality, lifecycle, results, contacts'
work details as the page shows them), and practices can be filtered by locale and taxonomy:

    /api/v2/pages/?type=practices.PracticePage&locale=en&target_group=newly-arrived-adults

The field lists live here rather than as ``api_fields`` on the models, so that the API's shape
is defined in one place next to its filters. See docs/api.md.
"""

from __future__ import annotations

import functools
import logging
from decimal import DecimalException
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldError
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.db.models import CharField as CharDBField
from django.db.models import Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import path, re_path
from django.utils import translation
from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api import APIField
from wagtail.api.rich_text import APIRichText
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Page, ReferenceIndex, Site

from core.models import HomePage, StandardPage
from core.templatetags.platform_tags import make_absolute
from municipalities.models import MunicipalityIndexPage, MunicipalityPage
from practices.models import (
    PracticeIndexPage,
    PracticePage,
    ThemeIndexPage,
    ThemePage,
)

logger = logging.getLogger(__name__)

# Largest value accepted for integer parameters: beyond it the databases overflow (a 500).
MAX_INTEGER = 2**31 - 1
INTEGER_PARAMETERS = frozenset(
    ["id", "offset", "limit", "child_of", "descendant_of", "ancestor_of", "translation_of"]
)
# Filters on practices by taxonomy and place; values are slugs or codes, comma-separated = OR.
PRACTICE_FILTERS = ("target_group", "approach", "municipality", "county")


# --- Serializer fields -----------------------------------------------------------------------


class _RequestMixin:
    @property
    def _request(self) -> Any:
        return self.context.get("request")


class TermListField(serializers.Field):
    """Target groups or approaches as slug, name and description, in the page's language."""

    def to_representation(self, manager: Any) -> list[dict]:
        return [
            {"slug": term.slug, "name": term.name, "description": term.description}
            for term in manager.all()
        ]


class MunicipalityField(_RequestMixin, serializers.Field):
    def to_representation(self, municipality: MunicipalityPage) -> dict:
        return {
            "id": municipality.pk,
            "title": municipality.title,
            "official_name": municipality.official_name,
            "kind": municipality.kind,
            "code": municipality.code,
            "county_code": municipality.county,
            "county_name": str(municipality.get_county_display()),
            "html_url": municipality.get_full_url(self._request),
        }


class MunicipalityListField(MunicipalityField):
    def to_representation(self, manager: Any) -> list[dict]:  # type: ignore[override]
        return [super(MunicipalityListField, self).to_representation(m) for m in manager.all()]


class PageLinkField(_RequestMixin, serializers.Field):
    def to_representation(self, page: Page) -> dict:
        return {"id": page.pk, "title": page.title, "html_url": page.get_full_url(self._request)}


class PageLinkListField(PageLinkField):
    def to_representation(self, pages: Any) -> list[dict]:  # type: ignore[override]
        items = pages.all() if hasattr(pages, "all") else pages
        return [super(PageLinkListField, self).to_representation(p) for p in items]


class ContactListField(serializers.Field):
    """The contact details the practice page itself shows, nothing more (GDPR)."""

    def to_representation(self, manager: Any) -> list[dict]:
        return [
            {
                "name": contact.name,
                "role": contact.role,
                "phone": contact.phone,
                "is_example": contact.is_example,
            }
            for contact in manager.all()
        ]


class SiteImageRenditionField(_RequestMixin, ImageRenditionField):
    """Wagtail's rendition field, with full_url on the site's own host like every other URL."""

    def to_representation(self, image: Any) -> dict:
        data = dict(super().to_representation(image))
        if "url" in data:
            data["full_url"] = make_absolute(self._request, data["url"])
        return data


class LocalisedPageSerializer(PageSerializer):
    """Labels (status, county...) in each page's own language, whatever the request's."""

    def to_representation(self, instance: Page) -> Any:
        with translation.override(instance.locale.language_code):
            return super().to_representation(instance)


def _label(source: str) -> serializers.CharField:
    return serializers.CharField(source=source, read_only=True)


# --- Fields per page type --------------------------------------------------------------------

PRACTICE_FIELDS = [
    APIField("summary"),
    APIField("hero_image"),
    APIField(
        "hero_image_rendition",
        serializer=SiteImageRenditionField("fill-1200x675|format-webp", source="hero_image"),
    ),
    APIField("municipality", serializer=MunicipalityField(read_only=True)),
    APIField("participating_municipalities", serializer=MunicipalityListField(read_only=True)),
    APIField("partners"),
    APIField("target_groups", serializer=TermListField(read_only=True)),
    APIField("approaches", serializer=TermListField(read_only=True)),
    APIField("tags"),
    APIField("status"),
    APIField("status_label", serializer=_label("get_status_display")),
    APIField("start_date"),
    APIField("end_date"),
    APIField("funding"),
    APIField("last_verified"),
    APIField("challenge"),
    APIField("what_was_done"),
    APIField("results"),
    APIField("evidence_level"),
    APIField("evidence_level_label", serializer=_label("get_evidence_level_display")),
    APIField("key_figures"),
    APIField("lessons_learned"),
    APIField("what_did_not_work"),
    APIField("transferability"),
    APIField("resources_needed"),
    APIField("scale_notes"),
    APIField("body"),
    APIField("sources"),
    APIField("example_notice"),
    APIField("contacts", serializer=ContactListField(read_only=True)),
    APIField("adapted_from", serializer=PageLinkField(read_only=True)),
    APIField("adaptation_notes"),
    APIField("last_published_at"),
]

API_FIELDS: dict[type, list[APIField]] = {
    PracticePage: PRACTICE_FIELDS,
    MunicipalityPage: [
        APIField("official_name"),
        APIField("kind"),
        APIField("code"),
        APIField("county"),
        APIField("county_name", serializer=_label("get_county_display")),
        APIField("population"),
        APIField("area_km2"),
        APIField("municipality_group"),
        APIField("intro"),
        APIField("website"),
    ],
    ThemePage: [
        APIField("intro"),
        APIField("target_groups", serializer=TermListField(read_only=True)),
        APIField("approaches", serializer=TermListField(read_only=True)),
        APIField(
            "curated_practices", serializer=PageLinkListField(source="curated", read_only=True)
        ),
    ],
    StandardPage: [APIField("intro"), APIField("body")],
    HomePage: [APIField("intro")],
    PracticeIndexPage: [APIField("intro")],
    MunicipalityIndexPage: [APIField("intro")],
    ThemeIndexPage: [APIField("intro")],
}

PRACTICE_LISTING_FIELDS = ["summary", "municipality", "target_groups", "approaches", "status"]


# --- Shared behaviour ------------------------------------------------------------------------


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


class PracticeFilter(BaseFilterBackend):
    """?target_group=, ?approach= (slugs), ?municipality= (4-digit code), ?county= (2 digits).

    Several values, comma-separated, are alternatives; different filters combine.
    """

    def filter_queryset(self, request: Any, queryset: QuerySet, view: Any) -> QuerySet:
        used = [name for name in PRACTICE_FILTERS if name in request.GET]
        if not used:
            return queryset
        if queryset.model is not PracticePage:
            raise BadRequestError(
                f"filtering by {', '.join(used)} requires type=practices.PracticePage"
            )
        conditions = {
            "target_group": lambda values: Q(target_groups__slug__in=values),
            "approach": lambda values: Q(approaches__slug__in=values),
            "municipality": lambda values: (
                Q(municipality__code__in=values) | Q(participating_municipalities__code__in=values)
            ),
            "county": lambda values: Q(municipality__county__in=values),
        }
        for name in used:
            values = [v.strip() for v in request.GET[name].split(",") if v.strip()]
            if not values:
                raise BadRequestError(f"{name} needs a value")
            # A subquery keeps the result free of duplicates from the many-to-many joins.
            matching = PracticePage.objects.filter(conditions[name](values)).values("pk")
            queryset = queryset.filter(pk__in=matching)
        return queryset


class PublicPagesAPIViewSet(PublicReadOnlyMixin, PagesAPIViewSet):
    base_serializer_class = LocalisedPageSerializer
    filter_backends = [
        backend if backend is not SearchFilter else PracticeFilter
        for backend in PagesAPIViewSet.filter_backends
    ] + [SearchFilter]  # SearchFilter must stay last: search results cannot be filtered
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(PRACTICE_FILTERS)

    @classmethod
    def get_body_fields(cls, model: type) -> list[APIField]:
        return cls._convert_api_fields(
            cls.body_fields + list(getattr(model, "api_fields", ())) + API_FIELDS.get(model, [])
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
                "target_groups", "approaches", "participating_municipalities", "contacts"
            )
        return queryset


def referenced_by_public_pages(model: type, request: Any) -> QuerySet:
    """Ids of objects of `model` used on live, public pages (Wagtail's reference index).

    Uploaded but unpublished images and documents (a draft's photos, say) stay private.
    """
    public_page_ids = (
        PagesAPIViewSet(request=request)
        .get_base_queryset()
        .annotate(pk_text=Cast("pk", output_field=CharDBField()))
        .values("pk_text")
    )
    referenced = (
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=public_page_ids,
            to_content_type=ContentType.objects.get_for_model(model),
        )
        .values_list("to_object_id", flat=True)
        .distinct()
    )
    return [int(pk) for pk in referenced if str(pk).isdigit()]


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
        return cls._convert_api_fields(
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
            ]
        )

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        return queryset.filter(pk__in=referenced_by_public_pages(queryset.model, self.request))


class PublicDocumentsAPIViewSet(PublicReadOnlyMixin, DocumentsAPIViewSet):
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        return queryset.filter(pk__in=referenced_by_public_pages(queryset.model, self.request))


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
