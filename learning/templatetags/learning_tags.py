"""Template tags used by the include templates that other apps' pages pull in.

Each tag does a fixed, small number of queries, and none depends on who is asking, so the
pages that include them stay cacheable for anonymous readers.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone
from wagtail.models import Locale

from core.locales import active_locale
from municipalities.models import MunicipalityPage
from practices.models import PracticePage, ThemePage

from .. import related as related_module
from ..contact import has_recipients
from ..forms import ContactOwnerForm, MyMunicipalityForm
from ..lineage import FamilyTree, build_family_tree
from ..models import CallForPractices, CallSubmission
from ..similarity import similar_pages

register = template.Library()


@register.simple_tag
def family_tree(page: PracticePage) -> FamilyTree | None:
    if not isinstance(page, PracticePage) or not page.pk:
        return None
    return build_family_tree(page)


@register.simple_tag
def related_practices(page: PracticePage) -> list[PracticePage]:
    if not isinstance(page, PracticePage) or not page.pk:
        return []
    return related_module.related_for(page)


@register.simple_tag(takes_context=True)
def contact_form_for(context, page: PracticePage) -> dict[str, Any]:
    """An empty form (no CSRF token, nothing personal) for the practice page itself."""
    if not isinstance(page, PracticePage) or not page.pk or not page.live:
        return {"available": False}
    contacts = context.get("contacts")
    if contacts is not None:  # the practice page has loaded them already: no second query
        available = any(contact.email for contact in contacts)
    else:
        available = has_recipients(page)
    return {"available": available, "form": ContactOwnerForm(auto_id="contact-%s")}


@register.simple_tag
def open_calls() -> list[CallForPractices]:
    """Calls open today, in the reader's language (or Swedish where not yet translated)."""
    locale = active_locale()
    calls = list(
        CallForPractices.objects.open_on(timezone.localdate())
        .in_locale(locale)
        .select_related("theme", "locale")
        .order_by("deadline", "title")[:5]
    )
    for call in calls:
        call.theme_in_locale = _theme_in(call.theme, locale)
    return calls


def _theme_in(theme: ThemePage | None, locale: Locale) -> ThemePage | None:
    if theme is None:
        return None
    if theme.locale_id == locale.pk:
        return theme if theme.live else None
    translation = ThemePage.objects.live().filter(
        translation_key=theme.translation_key, locale=locale
    )
    return translation.first() or (theme if theme.live else None)


@register.simple_tag
def call_practices_for_theme(page: ThemePage) -> list[dict[str, Any]]:
    """Calls on this theme with their published submissions, in the page's language."""
    if not isinstance(page, ThemePage) or not page.pk:
        return []
    calls = list(
        CallForPractices.objects.filter(theme__translation_key=page.translation_key)
        .in_locale(page.locale)
        .order_by("-deadline", "title")
    )
    if not calls:
        return []
    keys_by_call: dict[Any, set] = {}
    for call_key, practice_key in CallSubmission.objects.filter(
        call__translation_key__in=[c.translation_key for c in calls]
    ).values_list("call__translation_key", "practice__translation_key"):
        keys_by_call.setdefault(call_key, set()).add(practice_key)
    all_keys = set().union(*keys_by_call.values()) if keys_by_call else set()
    practices = {
        p.translation_key: p
        for p in PracticePage.objects.live()
        .filter(locale_id=page.locale_id, translation_key__in=all_keys)
        .order_by("title")
        .with_listing_relations()
    }
    today = timezone.localdate()
    result = []
    for call in calls:
        found = [practices[k] for k in keys_by_call.get(call.translation_key, ()) if k in practices]
        found.sort(key=lambda p: p.title)
        if found or call.is_open(today):
            result.append({"call": call, "practices": found, "is_open": call.is_open(today)})
    return result


@register.simple_tag
def similar_municipalities(page: MunicipalityPage) -> list:
    if not isinstance(page, MunicipalityPage) or not page.pk:
        return []
    return similar_pages(page)


@register.simple_tag
def my_municipality_form() -> MyMunicipalityForm:
    """The chooser as an empty GET form: the same HTML for every reader."""
    return MyMunicipalityForm(auto_id="my-municipality-%s")
