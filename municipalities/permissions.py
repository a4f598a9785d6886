"""Roles: the project groups, one editor and one publisher group per municipality, and scoping.

``sync_municipality_groups`` is the single place that creates and updates these groups. It
compares the wanted state with the database and writes only the difference, so it is safe to
call from signals, the management command and the demo loader, as often as needed.

The municipality groups are *managed*: their permissions are reset to exactly what is defined
here. The project groups (Projektledare, Översättare) are only topped up, so that an
administrator may grant them more (say, redirects) without the next sync taking it away.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    PagePermissionTester,
    ReferenceIndex,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import policy_registry

from .models import ContactPerson, MunicipalityAccess, MunicipalityIndexPage, MunicipalityPage

PROJECT_MANAGERS = "Projektledare"
TRANSLATORS = "Översättare"
REVIEW_WORKFLOW = "Granskning"
REVIEW_TASK = "Granskning av projektledare"
EDITORS_SUFFIX = "redaktörer"
PUBLISHERS_SUFFIX = "publicerare"

# Page permission types (wagtail.models.PAGE_PERMISSION_TYPES). "lock" lets a user lock a page
# and unlock their own locks; only "unlock" frees somebody else's lock.
EDITOR_PAGE_PERMISSIONS = ("add", "change", "lock")
PUBLISHER_PAGE_PERMISSIONS = (*EDITOR_PAGE_PERMISSIONS, "publish")
PROJECT_MANAGER_PAGE_PERMISSIONS = ("add", "bulk_delete", "change", "lock", "publish", "unlock")
# wagtail-localize's translation editor is the page edit view: it needs "change" on the target.
TRANSLATOR_PAGE_PERMISSIONS = ("change",)

# Images and documents are checked against wagtailimages.Image / wagtaildocs.Document
# permissions even with a custom image model (see wagtail.images.get_permission_policy).
MUNICIPALITY_COLLECTION_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
PROJECT_MANAGER_COLLECTION_PERMISSIONS = (
    *MUNICIPALITY_COLLECTION_PERMISSIONS,
    "wagtailimages.delete_image",
    "wagtaildocs.delete_document",
)

# Municipality editors get no model permission on ContactPerson: their access to contacts is
# granted per object by ContactPersonPermissionPolicy, so that no content-type-wide check
# (site history, reports) shows them other municipalities' contacts.
MUNICIPALITY_MODEL_PERMISSIONS = ("wagtailadmin.access_admin",)
PROJECT_MANAGER_MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "wagtail_localize.submit_translation",
    *(
        f"{app}.{action}_{model}"
        for app, model in (
            ("practices", "targetgroup"),
            ("practices", "approach"),
            ("municipalities", "contactperson"),
            ("search", "synonymset"),
        )
        for action in ("add", "change", "delete", "view")
    ),
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
    "wagtailsearchpromotions.delete_searchpromotion",
)
TRANSLATOR_MODEL_PERMISSIONS = ("wagtailadmin.access_admin", "wagtail_localize.submit_translation")

# What a municipality editor may do with the contact persons of their own municipality.
MUNICIPALITY_CONTACT_ACTIONS = frozenset({"add", "change"})

GROUP_NAME_MAX_LENGTH = 150


@dataclass
class SyncReport:
    """What a sync changed, one human-readable line per change."""

    changes: list[str] = field(default_factory=list)

    def note(self, message: str) -> None:
        self.changes.append(message)

    def __len__(self) -> int:
        return len(self.changes)


def _group_name(municipality_name: str, suffix: str) -> str:
    tail = f" – {suffix}"
    return municipality_name[: GROUP_NAME_MAX_LENGTH - len(tail)].strip() + tail


@transaction.atomic
def sync_municipality_groups(page: Page | None = None) -> SyncReport:
    """Bring the role groups, collections, permissions and review workflow up to date.

    With ``page`` (a MunicipalityPage in any locale) only that municipality is synchronised;
    without it every municipality is, and groups of municipalities that no longer exist in any
    locale are removed (their collection, images and documents are kept).
    """
    report = SyncReport()
    perms = _PermissionCache()
    _sync_project_roles(report, perms)
    if page is not None:
        keys = {page.translation_key}
    else:
        keys = set(MunicipalityPage.objects.values_list("translation_key", flat=True))
        keys |= set(MunicipalityAccess.objects.values_list("translation_key", flat=True))
    for key in sorted(keys, key=str):
        _sync_municipality(key, report, perms)
    return report


def sync_project_roles() -> SyncReport:
    """Only the project groups and the review workflow (e.g. when an index page appears)."""
    report = SyncReport()
    with transaction.atomic():
        _sync_project_roles(report, _PermissionCache())
    return report


class _PermissionCache:
    """Permission rows looked up once per sync rather than once per municipality."""

    def __init__(self) -> None:
        self._by_label: dict[str, Permission | None] = {}
        page_type = ContentType.objects.get_for_model(Page)
        self.page = {
            p.codename.removesuffix("_page"): p
            for p in Permission.objects.filter(content_type=page_type)
        }

    def labels(self, labels: Iterable[str]) -> list[Permission]:
        labels = list(labels)
        missing = [label for label in labels if label not in self._by_label]
        if missing:
            query = Q()
            for label in missing:
                app_label, codename = label.split(".", 1)
                query |= Q(content_type__app_label=app_label, codename=codename)
            found = {
                f"{p.content_type.app_label}.{p.codename}": p
                for p in Permission.objects.filter(query).select_related("content_type")
            }
            for label in missing:
                # A permission of an app that is not installed is simply not granted.
                self._by_label[label] = found.get(label)
        return [p for label in labels if (p := self._by_label[label]) is not None]

    def pages(self, types: Iterable[str]) -> list[Permission]:
        return [self.page[t] for t in types]


def _sync_project_roles(report: SyncReport, perms: _PermissionCache) -> None:
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()

    managers = _get_or_create_group(PROJECT_MANAGERS, report)
    _sync_model_permissions(
        managers, perms.labels(PROJECT_MANAGER_MODEL_PERMISSIONS), report, exact=False
    )
    _sync_page_permissions(
        managers,
        {(root_page.pk, p.pk) for p in perms.pages(PROJECT_MANAGER_PAGE_PERMISSIONS)},
        report,
        exact=False,
    )
    _sync_collection_permissions(
        managers,
        {(root_collection.pk, p.pk) for p in perms.labels(PROJECT_MANAGER_COLLECTION_PERMISSIONS)},
        report,
        exact=False,
    )

    translators = _get_or_create_group(TRANSLATORS, report)
    _sync_model_permissions(
        translators, perms.labels(TRANSLATOR_MODEL_PERMISSIONS), report, exact=False
    )
    # Every top-level page outside the source language is a translation tree.
    default_locale = Locale.get_default()
    translated_roots = Page.objects.filter(depth=2).exclude(locale=default_locale)
    _sync_page_permissions(
        translators,
        {
            (page_id, p.pk)
            for page_id in translated_roots.values_list("pk", flat=True)
            for p in perms.pages(TRANSLATOR_PAGE_PERMISSIONS)
        },
        report,
        exact=False,
    )

    _sync_review_workflow(managers, report)


def _sync_review_workflow(managers: Group, report: SyncReport) -> None:
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
        report.note(f"created task {REVIEW_TASK}")
    if not task.groups.filter(pk=managers.pk).exists():
        task.groups.add(managers)
        report.note(f"task {REVIEW_TASK}: approvers {managers.name}")

    workflow = Workflow.objects.filter(name=REVIEW_WORKFLOW).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=REVIEW_WORKFLOW)
        report.note(f"created workflow {REVIEW_WORKFLOW}")
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        report.note(f"workflow {REVIEW_WORKFLOW}: task {REVIEW_TASK}")

    # The index page in every locale, so that the whole municipalities' subtree is reviewed.
    # An index page that an administrator gave another workflow keeps it.
    for index_page in MunicipalityIndexPage.objects.filter(workflowpage__isnull=True):
        WorkflowPage.objects.create(page=index_page, workflow=workflow)
        report.note(f"workflow {REVIEW_WORKFLOW} on {index_page.url_path}")


def _sync_municipality(key: uuid.UUID, report: SyncReport, perms: _PermissionCache) -> None:
    pages = list(MunicipalityPage.objects.filter(translation_key=key).order_by("pk"))
    access = (
        MunicipalityAccess.objects.filter(translation_key=key)
        .select_related("editors", "publishers", "collection")
        .first()
    )
    if not pages:
        if access is not None:
            _remove_municipality(access, report)
        return

    default_locale_id = Locale.get_default().pk
    source = next((p for p in pages if p.locale_id == default_locale_id), pages[0])
    name = source.title.strip()
    if access is None:
        access = MunicipalityAccess(translation_key=key)

    editors = _ensure_municipality_group(access.editors, name, EDITORS_SUFFIX, source, report)
    publishers = _ensure_municipality_group(
        access.publishers, name, PUBLISHERS_SUFFIX, source, report
    )
    collection = _ensure_collection(access.collection, name, report)
    linked = (access.editors_id, access.publishers_id, access.collection_id)
    if access.pk is None or linked != (editors.pk, publishers.pk, collection.pk):
        access.editors, access.publishers, access.collection = editors, publishers, collection
        access.save()

    page_ids = [p.pk for p in pages]
    collection_perms = perms.labels(MUNICIPALITY_COLLECTION_PERMISSIONS)
    model_perms = perms.labels(MUNICIPALITY_MODEL_PERMISSIONS)
    for group, page_types in (
        (editors, EDITOR_PAGE_PERMISSIONS),
        (publishers, PUBLISHER_PAGE_PERMISSIONS),
    ):
        _sync_page_permissions(
            group,
            {(page_id, p.pk) for page_id in page_ids for p in perms.pages(page_types)},
            report,
            exact=True,
        )
        _sync_collection_permissions(
            group, {(collection.pk, p.pk) for p in collection_perms}, report, exact=True
        )
        _sync_model_permissions(group, model_perms, report, exact=True)


def _remove_municipality(access: MunicipalityAccess, report: SyncReport) -> None:
    # Users keep their accounts and all content stays; only the now pointless groups go.
    # The collection is kept with its images and documents, for project managers to re-use.
    for group in (access.editors, access.publishers):
        if group is not None:
            report.note(f"deleted group {group.name}")
            group.delete()
    access.delete()


def _get_or_create_group(name: str, report: SyncReport) -> Group:
    group, created = Group.objects.get_or_create(name=name)
    if created:
        report.note(f"created group {name}")
    return group


def _ensure_municipality_group(
    group: Group | None, name: str, suffix: str, page: MunicipalityPage, report: SyncReport
) -> Group:
    wanted = _group_name(name, suffix)
    own_pk = group.pk if group is not None else None
    taken = Group.objects.filter(name=wanted).exclude(pk=own_pk).first()
    if taken is not None and group is None and not _is_linked(taken):
        # A group of that name that belongs to no municipality (e.g. after restoring a
        # backup without this table) is adopted rather than duplicated.
        report.note(f"adopted group {wanted}")
        return taken
    if taken is not None:
        # Two municipalities with the same title (a region and a municipality, say).
        wanted = _group_name(f"{name} ({page.code})", suffix)
    if group is None:
        group = Group.objects.create(name=wanted)
        report.note(f"created group {wanted}")
    elif group.name != wanted:
        report.note(f"renamed group {group.name} to {wanted}")
        group.name = wanted
        group.save(update_fields=["name"])
    return group


def _is_linked(group: Group) -> bool:
    return MunicipalityAccess.objects.filter(Q(editors=group) | Q(publishers=group)).exists()


def _ensure_collection(collection: Collection | None, name: str, report: SyncReport) -> Collection:
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
        report.note(f"created collection {name}")
    elif collection.name != name:
        report.note(f"renamed collection {collection.name} to {name}")
        collection.name = name
        collection.save(update_fields=["name"])
    return collection


def _sync_object_permissions(
    model: type[GroupPagePermission] | type[GroupCollectionPermission],
    target: str,
    group: Group,
    wanted: set[tuple[int, int]],
    report: SyncReport,
    *,
    exact: bool,
) -> None:
    """Make a group's (target id, permission id) rows of a Wagtail permission table `wanted`:
    add the missing ones and, when `exact`, delete the others."""
    target_field = f"{target}_id"
    existing = {
        (target_id, permission_id): pk
        for pk, target_id, permission_id in model.objects.filter(group=group).values_list(
            "pk", target_field, "permission_id"
        )
    }
    missing = wanted - existing.keys()
    if missing:
        model.objects.bulk_create(
            model(group=group, **{target_field: target_id}, permission_id=permission_id)
            for target_id, permission_id in sorted(missing)
        )
        report.note(f"{group.name}: +{len(missing)} {target} permissions")
    if exact:
        extra = [pk for key, pk in existing.items() if key not in wanted]
        if extra:
            model.objects.filter(pk__in=extra).delete()
            report.note(f"{group.name}: -{len(extra)} {target} permissions")


def _sync_page_permissions(
    group: Group, wanted: set[tuple[int, int]], report: SyncReport, *, exact: bool
) -> None:
    _sync_object_permissions(GroupPagePermission, "page", group, wanted, report, exact=exact)


def _sync_collection_permissions(
    group: Group, wanted: set[tuple[int, int]], report: SyncReport, *, exact: bool
) -> None:
    _sync_object_permissions(
        GroupCollectionPermission, "collection", group, wanted, report, exact=exact
    )


def _sync_model_permissions(
    group: Group, wanted: list[Permission], report: SyncReport, *, exact: bool
) -> None:
    existing = set(group.permissions.values_list("pk", flat=True))
    wanted_ids = {p.pk for p in wanted}
    missing = wanted_ids - existing
    if missing:
        group.permissions.add(*missing)
        report.note(f"{group.name}: +{len(missing)} permissions")
    if exact and (extra := existing - wanted_ids):
        group.permissions.remove(*extra)
        report.note(f"{group.name}: -{len(extra)} permissions")


# Page permissions of which one must be held to delete a page: "change" alone is not enough.
DELETE_PAGE_PERMISSIONS = frozenset({"add", "publish", "bulk_delete"})


class ProjectPagePermissionTester(PagePermissionTester):
    """Wagtail's page permission tester, except that "change" alone never deletes.

    Wagtail lets anyone who may change an unpublished page delete it (and so move it). The
    translators hold "change" on the English tree to translate; they must not be able to
    delete a municipality's English draft. Deleting needs "add" (the editors, their own
    subtree) or "publish" as well.
    """

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        if self.user.is_active and not self.user.is_superuser:
            if not self.permissions & DELETE_PAGE_PERMISSIONS:
                return False
        return super().can_delete(ignore_bulk=ignore_bulk)


class LeafPagePermissionTester(ProjectPagePermissionTester):
    """The project's page permission tester, without a query per explorer row for leaf pages.

    ``can_delete`` (and ``can_move``, which uses it) asks the database whether any page in the
    subtree is live, or owned by someone else, for users without "publish". The explorer asks
    for every row, for the move and the delete button: two queries per practice for an
    editor. For a page without children the subtree is the page itself, already loaded, so the
    same rules are answered from its fields.
    """

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        if (
            self.page.numchild
            or self.page_is_root
            or not self.user.is_active
            or self.user.is_superuser
        ):
            return super().can_delete(ignore_bulk=ignore_bulk)
        if not self.permissions & DELETE_PAGE_PERMISSIONS:
            return False
        if "change" in self.permissions:
            return "publish" in self.permissions or not self.page.live
        if "add" in self.permissions:
            own = self.page.owner_id == self.user.pk
            return own if "publish" in self.permissions else own and not self.page.live
        return False


# --- Scoping: what a user's municipality roles let them see --------------------------------


def municipality_keys_for_user(user: object) -> frozenset[uuid.UUID]:
    """Translation keys of the municipalities whose editor or publisher group the user is in."""
    if isinstance(user, AnonymousUser) or not getattr(user, "is_active", False):
        return frozenset()
    # Cached on the user object, which lives for one request, like Wagtail's own caches.
    cached = getattr(user, "_municipality_keys", None)
    if cached is None:
        # One query, without joining the membership table twice: with "editors__user OR
        # publishers__user" the database joins every member of every municipality group
        # (30 ms with 290 municipalities and three editors each, on every admin page).
        groups = user.groups.values("pk")
        cached = frozenset(
            MunicipalityAccess.objects.filter(
                Q(editors__in=groups) | Q(publishers__in=groups)
            ).values_list("translation_key", flat=True)
        )
        user._municipality_keys = cached
    return cached


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
        return self._check_perm(user, ["delete"], collection=collection) or (
            own and self._check_perm(user, ["add"], collection=collection)
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = set(actions)
        if "delete" in actions:
            actions.discard("delete")
            if self._may_delete(user, instance):
                return True
            if not actions:
                return False
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        actions = set(actions)
        if "delete" not in actions or user.is_superuser:
            return super().instances_user_has_any_permission_for(user, actions)
        actions.discard("delete")
        deletable = self.model._default_manager.filter(
            Q(collection__in=self._collections_with_perm(user, ["delete"]))
            | Q(
                collection__in=self._collections_with_perm(user, ["add"]),
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


class ContactPersonPermissionPolicy(ModelPermissionPolicy):
    """Model permissions for project managers; for editors, their own municipality's contacts.

    Editors hold no Django permission on ContactPerson: membership of a municipality group is
    what lets them add contacts and change the ones that belong to that municipality.
    """

    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user, actions):
        # ModelPermissionPolicy's check: a real Django permission on ContactPerson.
        if any(ModelPermissionPolicy.user_has_permission(self, user, a) for a in actions):
            return True
        return bool(set(actions) & MUNICIPALITY_CONTACT_ACTIONS) and bool(
            municipality_keys_for_user(user)
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and contact_in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return contacts_for_user(user, self.model._default_manager.all())


# --- Images and documents: what a user may see, and which documents are public -------------

# Having either lets a user see an image or document in the admin; municipality groups hold
# both on their own collection only.
FILE_VIEW_ACTIONS = ("change", "choose")


def files_for_user(user: Any, model: type) -> QuerySet:
    """The images or documents (by ``model``) a user may see in the admin."""
    if isinstance(user, AnonymousUser) or not getattr(user, "is_active", False):
        return model._default_manager.none()
    policy = policy_registry.get_by_type(model)
    return policy.instances_user_has_any_permission_for(user, FILE_VIEW_ACTIONS)


def in_municipality_collection(obj: Any) -> bool:
    """True if the image or document lies in a municipality's collection (or below it)."""
    collection_ids = MunicipalityAccess.objects.exclude(collection=None).values("collection_id")
    return obj.collection.get_ancestors(inclusive=True).filter(pk__in=collection_ids).exists()


def used_on_published_page(obj: Any) -> bool:
    """True if a live, public page links to or shows the object (Wagtail's reference index).

    Only a page's published content counts: a link in an unpublished draft does not.
    """
    public_pages = (
        Page.objects.live()
        .public()
        .annotate(pk_text=Cast("pk", output_field=CharField()))
        .values("pk_text")
    )
    return (
        ReferenceIndex.get_references_to(obj)
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page), object_id__in=public_pages
        )
        .exists()
    )


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
    return used_on_published_page(document)
