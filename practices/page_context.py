"""What pages of lower apps show of the practices (registered in PracticesConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from core.extensions import register_page_context
from core.models import HomePage
from municipalities.models import MunicipalityIndexPage, MunicipalityPage

from .models import PracticePage, ThemePage


def home_context(page: HomePage, request: HttpRequest, context: dict[str, Any]) -> None:
    # Featured links are synchronised across locales; show each one in this page's language.
    context["featured_practices"] = PracticePage.objects.linked_in_locale(
        page.featured_practices.select_related("practice"), page.locale_id
    )
    featured_ids = [p.pk for p in context["featured_practices"]]
    context["latest_practices"] = (
        PracticePage.objects.live()
        .filter(locale=page.locale)
        .exclude(pk__in=featured_ids)
        .order_by("-first_published_at", "-pk")
        .with_listing_relations()[:6]
    )
    context["themes"] = ThemePage.with_practice_counts(
        ThemePage.objects.live().filter(locale=page.locale).order_by("path")
    )


def municipality_index_context(
    page: MunicipalityIndexPage, request: HttpRequest, context: dict[str, Any]
) -> None:
    context["practice_total"] = PracticePage.objects.live().filter(locale=page.locale).count()


def municipality_context(
    page: MunicipalityPage, request: HttpRequest, context: dict[str, Any]
) -> None:
    context["practices"] = (
        PracticePage.objects.live()
        .filter(models.Q(municipality=page) | models.Q(participating_municipalities=page))
        .distinct()
        .order_by("title")
        .with_listing_relations()
    )


def register() -> None:
    register_page_context(HomePage, home_context)
    register_page_context(MunicipalityIndexPage, municipality_index_context)
    register_page_context(MunicipalityPage, municipality_context)
