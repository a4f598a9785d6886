"""Images and documents: what a user may see in the admin, and who may delete them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import policy_registry

from core import wagtail_patches


class StrictDeleteCollectionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's image/document policy, except that deleting needs the *delete* permission.

    Wagtail treats "delete" as "change" for images and documents, so an editor who may edit
    the municipality's images could also delete every one of them. Here they may delete only
    what they uploaded themselves; the delete permission (project managers) covers the rest.
    """

    def _may_delete(self, user: Any, instance: Any) -> bool:
        if not (user.is_active and user.is_authenticated):
            return False
        if user.is_superuser:
            return True
        collection = instance.collection
        own = getattr(instance, self.owner_field_name) == user
        return wagtail_patches.collection_permission(self, user, ["delete"], collection) or (
            own and wagtail_patches.collection_permission(self, user, ["add"], collection)
        )

    def user_has_any_permission_for_instance(
        self, user: Any, actions: Iterable[str], instance: Any
    ) -> bool:
        actions = set(actions)
        if "delete" in actions:
            actions.discard("delete")
            if self._may_delete(user, instance):
                return True
            if not actions:
                return False
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def instances_user_has_any_permission_for(self, user: Any, actions: Iterable[str]) -> QuerySet:
        actions = set(actions)
        if "delete" not in actions or user.is_superuser:
            return super().instances_user_has_any_permission_for(user, actions)
        actions.discard("delete")
        deletable = self.model._default_manager.filter(
            Q(collection__in=wagtail_patches.collections_with_permission(self, user, ["delete"]))
            | Q(
                collection__in=wagtail_patches.collections_with_permission(self, user, ["add"]),
                **{self.owner_field_name: user},
            )
        )
        if actions:
            deletable |= super().instances_user_has_any_permission_for(user, actions)
        return deletable


def strict_delete_policy(model: type, auth_model: str) -> StrictDeleteCollectionPolicy:
    return StrictDeleteCollectionPolicy(
        model, auth_model=auth_model, owner_field_name="uploaded_by_user"
    )


# Having either lets a user see an image or document in the admin; municipality groups hold
# both on their own collection only.
FILE_VIEW_ACTIONS = ("change", "choose")


def files_for_user(user: Any, model: type) -> QuerySet:
    """The images or documents (by ``model``) a user may see in the admin."""
    if isinstance(user, AnonymousUser) or not getattr(user, "is_active", False):
        return model._default_manager.none()
    policy = policy_registry.get_by_type(model)
    return policy.instances_user_has_any_permission_for(user, FILE_VIEW_ACTIONS)
