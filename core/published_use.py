"""Whether an object is used on a live, public page: one rule for downloads and the API.

Wagtail's reference index records what each page links to or shows; only a page's published
content counts (a link in an unpublished draft does not), and only pages readers may see.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast
from wagtail.models import Page, ReferenceIndex


def _as_object_ids(pages: QuerySet) -> QuerySet:
    # The reference index keeps object ids as text.
    return pages.annotate(pk_text=Cast("pk", output_field=CharField())).values("pk_text")


def references_from_public_pages(pages: QuerySet | None = None) -> QuerySet:
    """Reference index rows whose page is live and public (or one of ``pages``)."""
    if pages is None:
        pages = Page.objects.live().public()
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=_as_object_ids(pages),
    )


def ids_used_on_public_pages(model: type, pages: QuerySet | None = None) -> list[int]:
    """Ids of the objects of ``model`` that live, public pages (or ``pages``) use."""
    referenced = (
        references_from_public_pages(pages)
        .filter(to_content_type=ContentType.objects.get_for_model(model))
        .values_list("to_object_id", flat=True)
        .distinct()
    )
    return [int(pk) for pk in referenced if str(pk).isdigit()]


def used_on_public_page(obj: Any) -> bool:
    """True if a live, public page links to or shows ``obj``."""
    public = references_from_public_pages().values("pk")
    return ReferenceIndex.get_references_to(obj).filter(pk__in=public).exists()
