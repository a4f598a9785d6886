from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.models import Locale

from core.locales import active_locale

from .models import EXPERTS, ValidationCriterion


def criteria_for(locale: Locale) -> list[ValidationCriterion]:
    """The criteria in the locale's language; those not yet translated in the source language."""
    default = Locale.get_default()
    found = {c.translation_key: c for c in ValidationCriterion.objects.filter(locale=locale)}
    source = list(ValidationCriterion.objects.filter(locale=default))
    return [found.get(c.translation_key, c) for c in source] or list(found.values())


def criteria_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "validation/criteria_page.html",
        {"criteria": criteria_for(active_locale()), "experts": EXPERTS},
    )
