"""Keep related practices in step with publishing, and public pages with calls and profiles."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.signals import page_published, page_unpublished

from core.cache import purge_page_cache
from municipalities.models import MunicipalityProfile
from practices.models import PracticePage

from . import related
from .models import CallForPractices, CallSubmission


def practice_published(sender: type, instance: PracticePage, **kwargs: Any) -> None:
    related.update_for_published(instance)


def practice_unpublished(sender: type, instance: PracticePage, **kwargs: Any) -> None:
    related.remove_practice(instance.pk)


def practice_deleted(sender: type, instance: PracticePage, **kwargs: Any) -> None:
    # Before the rows go (cascade), so that the practices that listed it can be refilled.
    related.remove_practice(instance.pk)


def shown_content_changed(sender: type, **kwargs: Any) -> None:
    # Calls appear on the home and theme pages, profiles in the "my municipality" list.
    if kwargs.get("raw"):
        return
    purge_page_cache()


def connect() -> None:
    for model in (CallForPractices, CallSubmission, MunicipalityProfile):
        post_save.connect(shown_content_changed, sender=model, dispatch_uid=f"learning_s_{model}")
        post_delete.connect(shown_content_changed, sender=model, dispatch_uid=f"learning_d_{model}")
    page_published.connect(practice_published, sender=PracticePage, dispatch_uid="learning_pub")
    page_unpublished.connect(
        practice_unpublished, sender=PracticePage, dispatch_uid="learning_unpub"
    )
    pre_delete.connect(practice_deleted, sender=PracticePage, dispatch_uid="learning_del")
