"""May this user reference this object? The one rule behind every id an admin form accepts.

``core.references`` asks this for every foreign key, many-to-many, chooser block and
rich text link or embed of every admin form (pages, snippets, settings, images, documents):

- a **page**: any live page, or one the user may work on (add, change, publish): never
  another municipality's draft;
- an **image** or **document**: one the user may see in the admin (their municipality's
  collection; project managers: all), as the choosers offer;
- a **contact person**: one of the user's own municipality (project managers: all);
- a **collection**: one the user may upload images or documents to;
- shared objects (``public_models()`` and models that say ``anyone_may_reference = True``,
  such as the taxonomy): anyone;
- anything else: superusers only, so a field pointing at a new kind of object is refused
  until someone decides here who may choose it.

What an object already refers to stays allowed (a project manager may have set it).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page
from wagtail.permissions import policy_registry

from .chooser import workable_pages
from .models import ContactPerson
from .permissions.contacts import contacts_for_user
from .permissions.files import files_for_user


def public_models() -> tuple[type[models.Model], ...]:
    """Wagtail's and taggit's shared models, which every editor may reference."""
    return (Tag, Locale)


def is_public_model(model: type[models.Model]) -> bool:
    return model in public_models() or getattr(model, "anyone_may_reference", False)


def scoped_models() -> tuple[type[models.Model], ...]:
    """Models with an owner: who may reference them depends on the user's municipality."""
    return (Page, get_image_model(), get_document_model(), ContactPerson, Collection)


def _valid_pks(model: type[models.Model], pks: set[str]) -> set[Any]:
    valid = set()
    for pk in pks:
        try:
            valid.add(model._meta.pk.to_python(pk))
        except (ValidationError, ValueError, TypeError):
            continue
    return valid


def referenceable_queryset(user: Any, model: type[models.Model]) -> models.QuerySet | None:
    """The objects of ``model`` the user may reference; None if the model is not covered."""
    if issubclass(model, Page):
        return Page.objects.filter(Q(live=True) | Q(pk__in=workable_pages(user).values("pk")))
    if model in (get_image_model(), get_document_model()):
        return files_for_user(user, model)
    if model is ContactPerson:
        return contacts_for_user(user)
    if model is Collection:
        # Where the user may put images or documents, as Wagtail's upload forms offer.
        return Collection.objects.filter(
            Q(pk__in=_collections_for_adding(user, get_image_model()))
            | Q(pk__in=_collections_for_adding(user, get_document_model()))
        )
    if is_public_model(model):
        return model._default_manager.all()
    return None


def _collections_for_adding(user: Any, model: type[models.Model]) -> models.QuerySet:
    policy = policy_registry.get_by_type(model)
    return policy.collections_user_has_permission_for(user, "add").values("pk")


def referenceable(user: Any, model: type[models.Model], pks: set[str]) -> set[str]:
    """The keys among ``pks`` of ``model`` that ``user`` may refer to from an admin form."""
    if getattr(user, "is_superuser", False):
        return set(pks)
    if not getattr(user, "is_active", False):
        return set()
    queryset = referenceable_queryset(user, model)
    if queryset is None:
        return set()
    found = queryset.filter(pk__in=_valid_pks(model, pks)).values_list("pk", flat=True)
    return {str(pk) for pk in found}
