"""Gaps of issue 4 closed after the permission matrix: the page chooser's "chosen multiple" view
and other people's pending drafts in the page chooser, documents served from /documents/, the
admin API and bulk actions for images and documents, and Wagtail's default groups.
"""

import importlib
import json
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    ReferenceIndex,
)

from municipalities.permissions.roles import PROJECT_MANAGERS
from practices.models import PracticePage
from tests.municipalities.roles_world import World, page

pytestmark = pytest.mark.django_db


def as_user(world: World, role: str) -> Client:
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


def not_found(response: Any) -> bool:
    """A 404, which for paths outside /sv/ and /en/ LocaleMiddleware turns into a redirect there."""
    if response.status_code == 302:
        return response["Location"] == "/sv" + response.request["PATH_INFO"]
    return response.status_code == 404


def chosen(client: Client, *pks: int) -> dict[int, dict]:
    url = reverse("wagtailadmin_choose_page_chosen_multiple")
    response = client.get(url, {"id": [str(pk) for pk in pks]})
    assert response.status_code == 200
    payload = json.loads(response.content)
    assert payload["step"] == "page_chosen"
    return {item["id"]: item for item in payload["result"]}


# --- 1. Page chooser ------------------------------------------------------------------------


def test_chosen_multiple_returns_only_live_pages_of_other_municipalities(world: World) -> None:
    a, b = world.sides["A"], world.sides["B"]
    pks = (a.draft, a.practice, b.draft, b.review, b.practice)

    result = chosen(as_user(world, "editor_a"), *pks)

    assert set(result) == {a.draft, a.practice, b.practice}
    # B's practice is live; its pending draft (a new title) stays B's.
    assert result[b.practice]["adminTitle"] == "Praktik B"
    assert "HemligB" not in json.dumps(result)
    # A's own pages, drafts and pending titles included.
    assert result[a.draft]["adminTitle"] == "Utkast A HemligA"
    assert result[a.practice]["adminTitle"] == "Praktik A HemligArev"
    assert result[b.practice]["parentId"] == b.municipality


def test_chosen_multiple_still_returns_everything_to_project_managers(world: World) -> None:
    a, b = world.sides["A"], world.sides["B"]
    result = chosen(as_user(world, "pm"), a.draft, b.draft, b.review, b.practice)
    assert set(result) == {a.draft, b.draft, b.review, b.practice}
    assert result[b.practice]["adminTitle"] == "Praktik B HemligBrev"


def test_chosen_multiple_ignores_garbage_ids(world: World) -> None:
    client = as_user(world, "editor_a")
    response = client.get(
        reverse("wagtailadmin_choose_page_chosen_multiple") + "?id=x&id=&id=999999"
    )
    assert response.status_code == 200
    assert json.loads(response.content)["result"] == []


def test_page_chooser_shows_other_municipalities_live_pages_as_published(world: World) -> None:
    a, b = world.sides["A"], world.sides["B"]
    client = as_user(world, "editor_a")

    other = client.get(reverse("wagtailadmin_choose_page_child", args=[b.municipality]))
    own = client.get(reverse("wagtailadmin_choose_page_child", args=[a.municipality]))
    assert other.status_code == own.status_code == 200

    other_html = other.content.decode()
    assert "Praktik B" in other_html
    assert "HemligB" not in other_html  # neither the draft title of the live page nor drafts
    own_html = own.content.decode()
    assert "Praktik A HemligArev" in own_html  # one's own pending title
    assert "Utkast A HemligA" in own_html


def test_page_chooser_search_shows_no_pending_titles_of_others(world: World) -> None:
    client = as_user(world, "editor_a")
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Praktik"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Praktik B" in html
    assert "HemligB" not in html
    assert "Praktik A HemligArev" in html

    pm_html = as_user(world, "pm").get(reverse("wagtailadmin_choose_page_search"), {"q": "Praktik"})
    assert "Praktik B HemligBrev" in pm_html.content.decode()


@pytest.mark.parametrize("target", ["draft", "review"])
def test_page_chooser_cannot_browse_into_another_municipalitys_draft(
    world: World, target: str
) -> None:
    a, b = world.sides["A"], world.sides["B"]
    client = as_user(world, "editor_a")

    response = client.get(reverse("wagtailadmin_choose_page_child", args=[getattr(b, target)]))
    assert not_found(response)
    assert "HemligB" not in response.content.decode()

    own = client.get(reverse("wagtailadmin_choose_page_child", args=[getattr(a, target)]))
    assert own.status_code == 200
    assert "HemligA" in own.content.decode()


# --- 2. Documents ---------------------------------------------------------------------------


def download(world: World, role: str, document_pk: int) -> int:
    document = get_document_model().objects.get(pk=document_pk)
    response = as_user(world, role).get(document.url)
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == b"PDF"
        return 200
    return 404 if not_found(response) else response.status_code


def link_document(page_pk: int, document_pk: int, *, publish: bool, world: World) -> None:
    practice = PracticePage.objects.get(pk=page_pk)
    practice.results = f'<p>Se <a linktype="document" id="{document_pk}">rapporten</a>.</p>'
    if publish:
        practice.save_revision(user=world.users["pm"]).publish(user=world.users["pm"])
    else:
        practice.save()  # a never-published page: its row is its draft
    # Wagtail updates the index in a task after commit; the tests never commit.
    ReferenceIndex.create_or_update_for_object(PracticePage.objects.get(pk=page_pk))


ROLES = ("anonymous", "editor_a", "publisher_a", "editor_b", "translator", "pm")


def test_an_unpublished_document_is_served_only_to_its_municipality(world: World) -> None:
    b = world.sides["B"]
    served = {role: download(world, role, b.document) for role in ROLES}
    assert served == {
        "anonymous": 404,
        "editor_a": 404,
        "publisher_a": 404,
        "editor_b": 200,
        "translator": 404,
        "pm": 200,
    }


def test_a_document_on_a_published_page_is_public(world: World) -> None:
    b = world.sides["B"]
    link_document(b.practice, b.document, publish=True, world=world)
    assert {role: download(world, role, b.document) for role in ROLES} == dict.fromkeys(ROLES, 200)


def test_a_document_linked_only_from_a_draft_stays_private(world: World) -> None:
    b = world.sides["B"]
    link_document(b.draft, b.document, publish=False, world=world)
    assert not page(b.draft).live
    assert download(world, "anonymous", b.document) == 404
    assert download(world, "editor_a", b.document) == 404
    assert download(world, "editor_b", b.document) == 200


def test_documents_outside_municipality_collections_stay_public(world: World) -> None:
    document = get_document_model().objects.create(
        title="Allmänt",
        file=ContentFile(b"PDF", name="allmant.pdf"),
        collection=Collection.get_first_root_node(),
    )
    assert download(world, "anonymous", document.pk) == 200
    assert download(world, "editor_a", document.pk) == 200


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(lambda s: reverse("wagtaildocs:edit", args=[s.document]), id="edit"),
        pytest.param(
            lambda s: reverse("wagtaildocs:document_usage", args=[s.document]), id="usage"
        ),
        pytest.param(
            lambda s: reverse("wagtaildocs_chooser:chosen", args=[s.document]), id="chosen"
        ),
        pytest.param(
            lambda s: reverse("wagtaildocs_chooser:chosen_multiple") + f"?id={s.document}",
            id="chosen-multiple",
        ),
        pytest.param(
            lambda s: reverse("wagtaildocs_chooser:choose_results") + "?q=Dokument",
            id="chooser-search",
        ),
        pytest.param(lambda s: reverse("wagtaildocs:index") + "?q=Dokument", id="search"),
        pytest.param(lambda s: f"/admin/api/main/documents/{s.document}/", id="api-detail"),
        pytest.param(lambda s: "/admin/api/main/documents/", id="api-listing"),
        pytest.param(lambda s: f"/admin/api/main/images/{s.image}/", id="api-image-detail"),
        pytest.param(lambda s: "/admin/api/main/images/", id="api-image-listing"),
    ],
)
def test_admin_document_and_image_views_show_nothing_of_another_municipality(
    world: World, url: Any
) -> None:
    b = world.sides["B"]
    editor = as_user(world, "editor_a").get(url(b))
    assert "HemligB" not in editor.content.decode(errors="replace")
    assert "dokument-b" not in editor.content.decode(errors="replace")

    # The same view shows B's file to B's editor, so the check above is not vacuous.
    own = as_user(world, "editor_b").get(url(b))
    assert own.status_code == 200
    assert "HemligB" in own.content.decode(errors="replace")


def test_admin_api_lists_only_the_editors_own_files(world: World) -> None:
    a, b = world.sides["A"], world.sides["B"]
    for endpoint, pk_of in (("documents", "document"), ("images", "image")):
        listed = as_user(world, "editor_a").get(f"/admin/api/main/{endpoint}/").json()
        assert [item["id"] for item in listed["items"]] == [getattr(a, pk_of)]
        assert not_found(
            as_user(world, "editor_a").get(f"/admin/api/main/{endpoint}/{getattr(b, pk_of)}/")
        )
        everything = as_user(world, "pm").get(f"/admin/api/main/{endpoint}/").json()
        assert {getattr(a, pk_of), getattr(b, pk_of)} <= {i["id"] for i in everything["items"]}


def bulk_url(kind: str, action: str) -> str:
    # The image model is platform_site.CustomImage, and bulk action URLs name the real model.
    meta = (get_document_model() if kind == "document" else get_image_model())._meta
    return reverse("wagtail_bulk_action", args=[meta.app_label, meta.model_name, action])


@pytest.mark.parametrize("kind", ["document", "image"])
@pytest.mark.parametrize("action", ["delete", "add_tags", "add_to_collection"])
def test_bulk_actions_do_not_name_another_municipalitys_files(
    world: World, kind: str, action: str
) -> None:
    a, b = world.sides["A"], world.sides["B"]
    url = bulk_url(kind, action)
    own_title = "Dokument A" if kind == "document" else "Bild A"
    pk_of = kind

    client = as_user(world, "editor_a")
    response = client.get(url, {"id": [getattr(a, pk_of), getattr(b, pk_of)]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "HemligB" not in html
    if action != "delete":  # editors may not delete others' uploads: A's is listed as refused
        assert own_title in html

    # The project manager is told about both.
    pm_html = as_user(world, "pm").get(url, {"id": [getattr(a, pk_of), getattr(b, pk_of)]})
    assert "HemligB" in pm_html.content.decode()


@pytest.mark.parametrize("kind", ["document", "image"])
def test_bulk_actions_leave_another_municipalitys_files_alone(world: World, kind: str) -> None:
    a, b = world.sides["A"], world.sides["B"]
    model = get_document_model() if kind == "document" else get_image_model()
    target = getattr(b, kind)
    client = as_user(world, "editor_a")

    def bulk(action: str, data: dict) -> None:
        response = client.post(f"{bulk_url(kind, action)}?id={target}", data)
        assert response.status_code in (200, 302)
        assert "HemligB" not in response.content.decode()

    bulk("delete", {})
    bulk("add_to_collection", {"collection": a.collection})
    bulk("add_tags", {"tags": "stulen"})

    obj = model.objects.get(pk=target)
    assert obj.collection_id == b.collection
    assert not obj.tags.filter(name="stulen").exists()


# --- 3. Wagtail's default groups ------------------------------------------------------------


def test_wagtails_default_groups_are_gone(world: World) -> None:
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    root = Page.get_first_root_node()
    root_groups = set(
        GroupPagePermission.objects.filter(page=root).values_list("group__name", flat=True)
    )
    assert root_groups == {PROJECT_MANAGERS}
    root_collection = Collection.get_first_root_node()
    collection_groups = set(
        GroupCollectionPermission.objects.filter(collection=root_collection).values_list(
            "group__name", flat=True
        )
    )
    assert collection_groups == {PROJECT_MANAGERS}


def test_wagtails_default_workflow_is_approved_by_project_managers(world: World) -> None:
    task = GroupApprovalTask.objects.get(name="Moderators approval")
    assert list(task.groups.values_list("name", flat=True)) == [PROJECT_MANAGERS]


def test_the_migration_keeps_a_default_group_with_members_but_takes_its_rights(
    world: World,
) -> None:
    migration = importlib.import_module(
        "municipalities.migrations.0003_retire_wagtail_default_groups"
    )
    editors = Group.objects.create(name="Editors")
    moderators = Group.objects.create(name="Moderators")
    for group in (editors, moderators):
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        GroupPagePermission.objects.create(
            group=group,
            page=Page.get_first_root_node(),
            permission=Permission.objects.get(codename="publish_page"),
        )
    member = get_user_model().objects.create_user(username="kvar", password="x")  # noqa: S106
    member.groups.add(editors)
    task = GroupApprovalTask.objects.get(name="Moderators approval")
    task.groups.set([moderators])

    migration.retire_default_groups(apps, None)

    editors.refresh_from_db()
    assert list(member.groups.all()) == [editors]
    assert not editors.permissions.exists()
    assert not GroupPagePermission.objects.filter(group=editors).exists()
    assert not Group.objects.filter(name="Moderators").exists()
    assert list(task.groups.values_list("name", flat=True)) == [PROJECT_MANAGERS]
    assert not as_user_client(member).get(reverse("wagtailadmin_home")).status_code == 200


def as_user_client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client
