"""Contact persons: project managers see them all, editors their own municipality's."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from ..models import ContactPerson, MunicipalityPage
from .membership import municipality_keys_for_user

# What a municipality editor may do with the contact persons of their own municipality.
MUNICIPALITY_CONTACT_ACTIONS = frozenset({"add", "change"})


def manages_all_contacts(user: object) -> bool:
    """Superusers and holders of a real ContactPerson permission (project managers)."""
    if not getattr(user, "is_active", False) or isinstance(user, AnonymousUser):
        return False
    return user.is_superuser or any(
        user.has_perm(f"municipalities.{action}_contactperson")
        for action in ("add", "change", "delete", "view")
    )


def contacts_for_user(
    user: object, queryset: QuerySet[ContactPerson] | None = None
) -> QuerySet[ContactPerson]:
    """The contact persons a user may see in the admin: all, or their municipalities' own."""
    queryset = ContactPerson.objects.all() if queryset is None else queryset
    if manages_all_contacts(user):
        return queryset
    keys = municipality_keys_for_user(user)
    if not keys:
        return queryset.none()
    return queryset.filter(municipality__translation_key__in=keys)


def contact_in_scope(user: object, contact: ContactPerson) -> bool:
    if manages_all_contacts(user):
        return True
    if contact.municipality_id is None:
        return False
    return contacts_for_user(user).filter(pk=contact.pk).exists()


def contact_municipalities_for_user(user: object) -> QuerySet[MunicipalityPage]:
    """The municipalities a user may attach a contact person to (source-language pages)."""
    pages = MunicipalityPage.objects.filter(locale=Locale.get_default()).order_by("title")
    if manages_all_contacts(user):
        return pages
    return pages.filter(translation_key__in=municipality_keys_for_user(user))


class ContactPersonPermissionPolicy(ModelPermissionPolicy):
    """Model permissions for project managers; for editors, their own municipality's contacts.

    Editors hold no Django permission on ContactPerson: membership of a municipality group is
    what lets them add contacts and change the ones that belong to that municipality.
    """

    def user_has_permission(self, user: Any, action: str) -> bool:
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user: Any, actions: Iterable[str]) -> bool:
        # ModelPermissionPolicy's check: a real Django permission on ContactPerson.
        if any(ModelPermissionPolicy.user_has_permission(self, user, a) for a in actions):
            return True
        return bool(set(actions) & MUNICIPALITY_CONTACT_ACTIONS) and bool(
            municipality_keys_for_user(user)
        )

    def user_has_permission_for_instance(
        self, user: Any, action: str, instance: ContactPerson
    ) -> bool:
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(
        self, user: Any, actions: Iterable[str], instance: ContactPerson
    ) -> bool:
        return self.user_has_any_permission(user, actions) and contact_in_scope(user, instance)

    def instances_user_has_any_permission_for(
        self, user: Any, actions: Iterable[str]
    ) -> QuerySet[ContactPerson]:
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return contacts_for_user(user, self.model._default_manager.all())
