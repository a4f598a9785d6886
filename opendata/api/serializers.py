"""What the API shows of each page type, and in which language."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from wagtail.api import APIField
from wagtail.api.v2.serializers import PageSerializer
from wagtail.models import Page

from core.models import HomePage, StandardPage
from municipalities.models import MunicipalityIndexPage, MunicipalityPage
from practices.models import (
    PracticeIndexPage,
    PracticePage,
    ThemeIndexPage,
    ThemePage,
)

from .fields import (
    ContactListField,
    MunicipalityField,
    MunicipalityListField,
    PageLinkField,
    PageLinkListField,
    SiteImageRenditionField,
    TermListField,
    label,
)


class LocalisedPageSerializer(PageSerializer):
    """Labels (status, county...) in each page's own language, whatever the request's."""

    def to_representation(self, instance: Page) -> Any:
        with translation.override(instance.locale.language_code):
            return super().to_representation(instance)


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
    APIField("status_label", serializer=label("get_status_display")),
    APIField("start_date"),
    APIField("end_date"),
    APIField("funding"),
    APIField("last_verified"),
    APIField("challenge"),
    APIField("what_was_done"),
    APIField("results"),
    APIField("evidence_level"),
    APIField("evidence_level_label", serializer=label("get_evidence_level_display")),
    APIField("key_figures"),
    APIField("lessons_learned"),
    APIField("what_did_not_work"),
    APIField("transferability"),
    APIField("resources_needed"),
    APIField("scale_notes"),
    APIField("body"),
    APIField("sources"),
    APIField("example_notice"),
    APIField("contacts", serializer=ContactListField(source="contact_links", read_only=True)),
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
        APIField("county_name", serializer=label("get_county_display")),
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
