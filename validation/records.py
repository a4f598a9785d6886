"""Validations given, and whether a practice's badge still holds."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, TaskState

from core.cache import cached_fragment
from practices.models import PracticePage

from .models import ExpertValidation, ValidationCriterion

#: The fields whose change means the experts did not see this record: the narrative, the
#: evidence and the figures. A new title, summary or picture leaves the badge in place.
SUBSTANTIVE_FIELDS = (
    "challenge",
    "what_was_done",
    "results",
    "evidence_level",
    "key_figures",
    "lessons_learned",
    "what_did_not_work",
    "transferability",
    "resources_needed",
    "status",
)


def fingerprint(page: PracticePage) -> str:
    values = {}
    for name in SUBSTANTIVE_FIELDS:
        value = getattr(page, name, "")
        raw = getattr(value, "raw_data", None)  # StreamField
        values[name] = list(raw) if raw is not None else str(value or "")
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


def record_validation(task_state: TaskState, user, criteria: list[str], comment: str) -> None:
    page = task_state.revision.as_object()
    ExpertValidation.objects.create(
        practice_key=page.translation_key,
        revision=task_state.revision,
        validated_by=user,
        criteria=list(criteria),
        fingerprint=fingerprint(page),
        comment=comment,
    )


@dataclass(frozen=True)
class Badge:
    validated_at: datetime
    criteria: list[ValidationCriterion]
    comment: str


def _source_page(key) -> PracticePage | None:
    return (
        PracticePage.objects.live().filter(translation_key=key, locale=Locale.get_default()).first()
    )


def badge_for(page: PracticePage) -> Badge | None:
    """The expert group's badge, if the practice holds one now; else None.

    It lapses on its own when the record changed since the validation (compared on the
    source-language page, which the experts assessed) or when the follow-up is overdue.
    """
    if page.is_verification_overdue:
        return None
    validation = ExpertValidation.objects.filter(practice_key=page.translation_key).first()
    if validation is None:
        return None
    source = (
        page if page.locale_id == Locale.get_default().pk else _source_page(page.translation_key)
    )
    if source is None or fingerprint(source) != validation.fingerprint:
        return None
    criteria = list(
        ValidationCriterion.objects.filter(
            translation_key__in=validation.criteria, locale_id=page.locale_id
        )
    ) or list(ValidationCriterion.objects.filter(translation_key__in=validation.criteria))
    return Badge(validation.validated_at, criteria, validation.comment)


def validated_keys() -> frozenset:
    """Translation keys of the practices holding a badge now (cached until the next publish)."""

    def compute() -> frozenset:
        keys = set()
        latest: dict = {}
        for validation in ExpertValidation.objects.order_by("practice_key", "-validated_at"):
            latest.setdefault(validation.practice_key, validation)
        if not latest:
            return frozenset()
        sources = PracticePage.objects.live().filter(
            translation_key__in=latest.keys(), locale=Locale.get_default()
        )
        for source in sources:
            if (
                not source.is_verification_overdue
                and fingerprint(source) == latest[source.translation_key].fingerprint
            ):
                keys.add(source.translation_key)
        return frozenset(keys)

    return cached_fragment(f"validation:validated-keys:{timezone.localdate()}", compute)


def validated_filter(name: str):
    """The practice index's "validated only" filter (registered in ``practices.filters``)."""
    if name != "validated":
        return None
    field = forms.MultipleChoiceField(
        label=_("Expert validation"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[("yes", _("Validated by the expert group only"))],
    )
    return field, lambda values: Q(translation_key__in=list(validated_keys()))


validated_filter.names = ("validated",)
