"""The role groups follow the municipality pages: created, renamed, translated, deleted."""

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    WorkflowPage,
    WorkflowTask,
)

from municipalities.demo_roles import assign_demo_roles
from municipalities.models import MunicipalityAccess, MunicipalityPage
from municipalities.permissions.groups import sync_municipality_groups
from municipalities.permissions.roles import PROJECT_MANAGERS, REVIEW_WORKFLOW, TRANSLATORS
from tests import factories
from validation.models import ExpertValidationTask

pytestmark = pytest.mark.django_db


def page_permissions(group: Group) -> set[tuple[int, str]]:
    return {
        (gpp.page_id, gpp.permission.codename)
        for gpp in GroupPagePermission.objects.filter(group=group).select_related("permission")
    }


def collection_permissions(group: Group) -> set[tuple[int, str]]:
    return {
        (gcp.collection_id, f"{gcp.permission.content_type.app_label}.{gcp.permission.codename}")
        for gcp in GroupCollectionPermission.objects.filter(group=group).select_related(
            "permission__content_type"
        )
    }


def access_for(page: MunicipalityPage) -> MunicipalityAccess:
    return MunicipalityAccess.objects.select_related("editors", "publishers", "collection").get(
        translation_key=page.translation_key
    )


def permission_state() -> dict[str, Any]:
    """Everything the sync may touch, in a comparable form."""
    through = Group.permissions.through
    return {
        "groups": sorted(Group.objects.values_list("pk", "name")),
        "page": sorted(GroupPagePermission.objects.values_list("group", "page", "permission")),
        "collection": sorted(
            GroupCollectionPermission.objects.values_list("group", "collection", "permission")
        ),
        "model": sorted(through.objects.values_list("group", "permission")),
        "collections": sorted(Collection.objects.values_list("pk", "name", "path")),
        "access": sorted(
            MunicipalityAccess.objects.values_list(
                "translation_key", "editors", "publishers", "collection"
            )
        ),
        "workflow_pages": sorted(WorkflowPage.objects.values_list("page", "workflow")),
        "workflow_tasks": sorted(WorkflowTask.objects.values_list("workflow", "task")),
        "approvers": sorted(GroupApprovalTask.groups.through.objects.values_list("pk", "group")),
    }


def publish(page: Page, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_municipality_has_groups_collection_and_permissions_in_every_locale(site_tree):
    sv, en = site_tree["municipality_sv"], site_tree["municipality_en"]
    access = access_for(sv)

    assert access.editors.name == "Hylte – redaktörer"
    assert access.publishers.name == "Hylte – publicerare"
    assert access.collection.name == "Hylte"
    assert access.collection.get_parent() == Collection.get_first_root_node()

    editor_rights = {"add_page", "change_page", "lock_page"}
    assert page_permissions(access.editors) == {
        (page.pk, codename) for page in (sv, en) for codename in editor_rights
    }
    assert page_permissions(access.publishers) == {
        (page.pk, codename) for page in (sv, en) for codename in editor_rights | {"publish_page"}
    }
    media = {
        f"{kind}.{action}_{model}"
        for kind, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for action in ("add", "change", "choose")
    }
    for group in (access.editors, access.publishers):
        assert collection_permissions(group) == {(access.collection.pk, p) for p in media}
        assert list(group.permissions.values_list("codename", flat=True)) == ["access_admin"]


def test_new_municipality_gets_roles_and_translation_gets_permissions(site_tree):
    boras = factories.MunicipalityPageFactory(
        parent=site_tree["municipality_index_sv"], title="Borås", code="1490", county="14"
    )
    access = access_for(boras)
    assert access.editors.name == "Borås – redaktörer"
    assert {page for page, _ in page_permissions(access.editors)} == {boras.pk}

    boras_en = factories.translate(boras, site_tree["home_en"].locale)

    assert {page for page, _ in page_permissions(access.editors)} == {boras.pk, boras_en.pk}
    assert {page for page, _ in page_permissions(access.publishers)} == {boras.pk, boras_en.pk}
    # Translating does not create a second set of groups.
    assert MunicipalityAccess.objects.count() == 2


def test_renaming_the_source_page_renames_groups_and_collection(site_tree):
    sv, en = site_tree["municipality_sv"], site_tree["municipality_en"]
    before = access_for(sv)

    publish(en, title="Hylte Municipality")  # the English title does not name the groups
    assert access_for(sv).editors.name == "Hylte – redaktörer"

    publish(sv, title="Hylte kommun")
    after = access_for(sv)
    assert (after.editors.pk, after.publishers.pk, after.collection.pk) == (
        before.editors.pk,
        before.publishers.pk,
        before.collection.pk,
    )
    assert after.editors.name == "Hylte kommun – redaktörer"
    assert after.publishers.name == "Hylte kommun – publicerare"
    assert after.collection.name == "Hylte kommun"


def test_sync_twice_changes_nothing_the_second_time(site_tree):
    factories.MunicipalityPageFactory(
        parent=site_tree["municipality_index_sv"], title="Borås", code="1490", county="14"
    )
    sync_municipality_groups()
    before = permission_state()

    report = sync_municipality_groups()

    assert report.changes == []
    assert permission_state() == before


def test_sync_repairs_hand_made_changes_to_municipality_groups(site_tree):
    access = access_for(site_tree["municipality_sv"])
    wanted = permission_state()
    # Someone widens the editors' rights and renames the group by hand.
    root = Page.get_first_root_node()
    GroupPagePermission.objects.create(group=access.editors, page=root, permission_type="publish")
    access.editors.permissions.add(Permission.objects.get(codename="delete_contactperson"))
    GroupPagePermission.objects.filter(
        group=access.editors, permission__codename="lock_page"
    ).delete()
    Group.objects.filter(pk=access.editors.pk).update(name="Hylte editors")

    report = sync_municipality_groups()

    assert len(report.changes) == 4  # rename, +2 lock rows, -1 root row, -1 model permission
    assert permission_state() == wanted


def test_project_groups_and_review_workflow(site_tree):
    root = Page.get_first_root_node()
    managers = Group.objects.get(name=PROJECT_MANAGERS)
    assert page_permissions(managers) == {
        (root.pk, f"{action}_page")
        for action in ("add", "bulk_delete", "change", "lock", "publish", "unlock")
    }
    assert managers.permissions.filter(codename="submit_translation").exists()
    assert managers.permissions.filter(codename="change_searchpromotion").exists()
    assert managers.permissions.filter(codename="delete_contactperson").exists()

    translators = Group.objects.get(name=TRANSLATORS)
    assert page_permissions(translators) == {(site_tree["home_en"].pk, "change_page")}
    assert set(translators.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        "submit_translation",
    }

    for key in ("municipality_index_sv", "municipality_index_en"):
        workflow = site_tree[key].get_workflow()
        assert workflow.name == REVIEW_WORKFLOW
        # The project managers' approval, then the experts' step (which practices that do not
        # ask for expert validation skip; validation/models.py).
        task, expert_step = [t.specific for t in workflow.tasks]
        assert list(task.groups.all()) == [managers]
        assert isinstance(expert_step, ExpertValidationTask)
    practice = factories.PracticePageFactory(parent=site_tree["municipality_sv"])
    assert practice.get_workflow().name == REVIEW_WORKFLOW


def test_two_municipalities_with_the_same_title_get_distinct_groups(site_tree):
    region = factories.MunicipalityPageFactory(
        parent=site_tree["municipality_index_sv"],
        title="Hylte",
        slug="hylte-region",
        code="1399",
        county="13",
        kind=MunicipalityPage.Kind.REGION,
    )
    assert access_for(region).editors.name == "Hylte (1399) – redaktörer"
    assert access_for(site_tree["municipality_sv"]).editors.name == "Hylte – redaktörer"


def test_deleting_a_municipality_keeps_its_content_and_removes_its_groups(site_tree):
    sv, en = site_tree["municipality_sv"], site_tree["municipality_en"]
    access = access_for(sv)
    editors_pk, collection = access.editors.pk, access.collection
    image = get_image_model().objects.create(
        title="Bild", file=get_test_image_file(), collection=collection
    )
    contact = factories.ContactPersonFactory(municipality=sv)
    editor = get_user_model().objects.create_user("redaktor")
    editor.groups.add(access.editors)

    en.delete()
    assert {page for page, _ in page_permissions(access.editors)} == {sv.pk}

    sv.delete()
    assert not MunicipalityAccess.objects.filter(translation_key=sv.translation_key).exists()
    assert not Group.objects.filter(pk=editors_pk).exists()
    # The user, the collection, its image and the contact person (unowned) remain.
    assert get_user_model().objects.filter(pk=editor.pk).exists()
    assert Collection.objects.filter(pk=collection.pk).exists()
    assert get_image_model().objects.filter(pk=image.pk, collection=collection).exists()
    contact.refresh_from_db()
    assert contact.municipality is None


def test_losing_the_last_member_of_a_group_deletes_no_content(site_tree):
    access = access_for(site_tree["municipality_sv"])
    editor = get_user_model().objects.create_user("ensam")
    editor.groups.add(access.editors)
    practice = factories.PracticePageFactory(parent=site_tree["municipality_sv"], owner=editor)
    practice.save_revision(user=editor)

    editor.groups.remove(access.editors)
    editor.delete()

    practice.refresh_from_db()
    assert practice.owner is None
    assert practice.revisions.count() == 1
    assert Group.objects.filter(pk=access.editors.pk).exists()
    assert page_permissions(access.editors)


def test_management_command_reports_and_is_idempotent(site_tree):
    out = StringIO()
    with translation.override("en"):
        call_command("sync_municipality_groups", stdout=out)
    assert "Everything was already in sync." in out.getvalue()

    Group.objects.filter(name=PROJECT_MANAGERS).delete()
    out = StringIO()
    with translation.override("en"):
        call_command("sync_municipality_groups", "--verbosity=2", stdout=out)
    assert f"created group {PROJECT_MANAGERS}" in out.getvalue()
    assert "changes made." in out.getvalue()


def test_demo_roles_are_assigned_idempotently_and_tolerate_gaps(site_tree):
    users = get_user_model().objects
    for name in ("projektledare", "oversattare", "hylte-redaktor", "harnosand-redaktor"):
        users.create_user(name)
    harnosand = factories.MunicipalityPageFactory(
        parent=site_tree["municipality_index_sv"],
        title="Härnösand",
        slug="harnosand",
        code="2280",
        county="22",
    )
    out = StringIO()

    assign_demo_roles(stdout=out)
    assign_demo_roles()

    def groups_of(username: str) -> list[str]:
        return sorted(users.get(username=username).groups.values_list("name", flat=True))

    assert groups_of("projektledare") == [PROJECT_MANAGERS]
    assert groups_of("oversattare") == [TRANSLATORS]
    assert groups_of("hylte-redaktor") == ["Hylte – redaktörer"]
    assert groups_of("harnosand-redaktor") == ["Härnösand – redaktörer"]
    assert access_for(harnosand).publishers.user_set.count() == 0  # no such account yet
    assert "no user harnosand-publicerare" in out.getvalue()
    assert "no user stockholm-redaktor" in out.getvalue()
