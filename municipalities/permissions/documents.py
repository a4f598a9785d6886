"""Documents: which ones are public, and who may download the others."""

from __future__ import annotations

from typing import Any

from core.published_use import used_on_public_page

from ..models import MunicipalityAccess
from .files import files_for_user


def in_municipality_collection(obj: Any) -> bool:
    """True if the image or document lies in a municipality's collection (or below it)."""
    collection_ids = MunicipalityAccess.objects.exclude(collection=None).values("collection_id")
    return obj.collection.get_ancestors(inclusive=True).filter(pk__in=collection_ids).exists()


def may_download_document(user: Any, document: Any) -> bool:
    """Who gets a document from /documents/<id>/<filename>.

    Documents outside the municipalities' collections are public, as in Wagtail. A document in
    a municipality's collection is public once a published page uses it; until then only those
    who may see it in the admin (its municipality's groups, project managers) may download it.
    """
    if not in_municipality_collection(document):
        return True
    if getattr(user, "is_superuser", False):
        return True
    if files_for_user(user, type(document)).filter(pk=document.pk).exists():
        return True
    return used_on_public_page(document)
