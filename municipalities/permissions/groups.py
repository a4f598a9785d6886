"""Group provisioning: the project groups, one editor and one publisher group per municipality.

``sync_municipality_groups`` is the single place that creates and updates these groups. It
compares the wanted state with the database and writes only the difference, so it is safe to
call from signals, the management command and the demo loader, as often as needed.

The municipality groups are *managed*: their permissions are reset to exactly what is defined
in ``roles``. The project groups (Projektledare, Översättare) are only topped up, so that an
administrator may grant them more (say, redirects) without the next sync taking it away.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from ..models import MunicipalityAccess, MunicipalityIndexPage, MunicipalityPage
from .roles import (
    EDITOR_PAGE_PERMISSIONS,
    EDITORS_SUFFIX,
    MUNICIPALITY_COLLECTION_PERMISSIONS,
    MUNICIPALITY_MODEL_PERMISSIONS,
    PROJECT_MANAGER_COLLECTION_PERMISSIONS,
    PROJECT_MANAGER_MODEL_PERMISSIONS,
    PROJECT_MANAGER_PAGE_PERMISSIONS,
    PROJECT_MANAGERS,
    PUBLISHER_PAGE_PERMISSIONS,
    PUBLISHERS_SUFFIX,
    REVIEW_TASK,
    REVIEW_WORKFLOW,
    TRANSLATOR_MODEL_PERMISSIONS,
    TRANSLATOR_PAGE_PERMISSIONS,
    TRANSLATORS,
)

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
