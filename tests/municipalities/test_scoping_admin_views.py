"""Through the admin's own views, an editor of A cannot use B's objects (municipalities/scoping.py).

An edit that refers to B's draft, image and private document saves nothing (no new revision),
the preview refuses it, the form shown again names none of B's objects, and publishing the page
cannot make B's private document public. Every form field, one by one: test_scoping.py.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Revision
from wagtail.test.utils.form_data import rich_text

from practices.models import PracticePage
from tests.municipalities.roles_world import PASSWORD, World, page, practice_form_data


def _forged_practice_post(world: World, target: PracticePage) -> dict[str, Any]:
    """A's practice with B's draft, image and private document in every kind of field."""
    b = world.sides["B"]
    link = f'<p>Se <a linktype="document" id="{b.document}">bilagan</a> och '
    link += f'<a linktype="page" id="{b.draft}">utkastet</a>.</p>'
    body = {
        "count": "1",
        "0": {
            "type": "document",
            "value": {"document": str(b.document), "title": ""},
            "deleted": "",
            "order": "0",
            "id": str(uuid.uuid4()),
        },
    }
    data = practice_form_data(target, challenge=rich_text(link), body=body)
    data["hero_image"] = str(b.image)
    data["adapted_from"] = str(b.draft)
    return data


def _b_markers(world: World) -> list[str]:
    b = world.sides["B"]
    return [
        b.marker,
        get_document_model().objects.get(pk=b.document).file.name.rsplit("/", 1)[-1],
        get_image_model().objects.get(pk=b.image).file.name.rsplit("/", 1)[-1],
    ]


@pytest.mark.django_db
def test_edit_view_saves_nothing_and_names_nothing_of_b(world: World, client: Any):
    a = world.sides["A"]
    client.login(username="editor_a", password=PASSWORD)
    target = page(a.practice)
    revisions = Revision.page_revisions.filter(object_id=str(a.practice)).count()
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[a.practice]), _forged_practice_post(world, target)
    )
    assert response.status_code == 200  # the form again, with errors
    html = response.content.decode()
    for field in ("hero_image", "adapted_from", "challenge", "body"):
        assert field in response.context["form"].errors, field
    assert [marker for marker in _b_markers(world) if marker in html] == []
    assert Revision.page_revisions.filter(object_id=str(a.practice)).count() == revisions


@pytest.mark.django_db
def test_preview_refuses_b_objects(world: World, client: Any):
    a = world.sides["A"]
    client.login(username="editor_a", password=PASSWORD)
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[a.practice])
    data = _forged_practice_post(world, page(a.practice))
    response = client.post(preview, data)
    assert response.json()["is_valid"] is False
    shown = client.get(preview)
    assert [marker for marker in _b_markers(world) if marker in shown.content.decode()] == []


@pytest.mark.django_db
def test_publishing_cannot_make_b_document_public(world: World, client: Any):
    a, b = world.sides["A"], world.sides["B"]
    document = get_document_model().objects.get(pk=b.document)
    url = reverse("wagtaildocs_serve", args=[document.pk, document.filename])
    assert client.get(url).status_code == 404
    client.login(username="publisher_a", password=PASSWORD)
    data = _forged_practice_post(world, page(a.practice))
    data["action-publish"] = "action-publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[a.practice]), data)
    assert response.status_code == 200
    client.logout()
    assert client.get(url).status_code == 404
