from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from wagtail.models import Locale

from .models import EXPERTS, ValidationCriterion


def criteria_for(language: str) -> list[ValidationCriterion]:
    """The criteria in the reader's language; those not yet translated in the source language."""
    default = Locale.get_default()
    locale = Locale.objects.filter(language_code=language).first() or default
    found = {c.translation_key: c for c in ValidationCriterion.objects.filter(locale=locale)}
    source = list(ValidationCriterion.objects.filter(locale=default))
    return [found.get(c.translation_key, c) for c in source] or list(found.values())


def criteria_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "validation/criteria_page.html",
        {"criteria": criteria_for(get_language()), "experts": EXPERTS},
    )
