"""The permission matrix for images and documents (municipalities/permissions/files.py and the
collection permissions): each in its municipality's collection.

How a cell is played and what it asserts: tests/municipalities/permission_matrix.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.municipalities import permission_matrix as matrix
from tests.municipalities.admin_outcomes import DENIED, OK, REDIRECT
from tests.municipalities.permission_matrix import ONLY_PM, OWN, TRANSLATOR, Action, get, shows
from tests.municipalities.roles_world import Side, World

# --- How each action is performed ------------------------------------------------------------


def in_collection(model: Callable[[], Any], title: str) -> Callable[[World, Side, Any], bool]:
    """Did an upload titled ``title <key>`` land in the target's collection?"""
    return lambda world, side, response: (
        model().objects.filter(title=f"{title} {side.key}", collection_id=side.collection).exists()
    )


def upload_image(client: Client, world: World, side: Side) -> Any:
    png = get_test_image_file(filename="ny.png").file.getvalue()
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": f"Ny bild {side.key}",
            "file": SimpleUploadedFile("ny.png", png, content_type="image/png"),
            "collection": side.collection,
            "tags": "",
        },
    )


def upload_document(client: Client, world: World, side: Side) -> Any:
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": f"Nytt dokument {side.key}",
            "file": SimpleUploadedFile("nytt.pdf", b"%PDF-1.4"),
            "collection": side.collection,
            "tags": "",
        },
    )


def edit_image(client: Client, world: World, side: Side) -> Any:
    return client.post(
        reverse("wagtailimages:edit", args=[side.image]),
        {"title": f"Bild {side.key} ändrad", "collection": side.collection, "tags": ""},
    )


def edit_document(client: Client, world: World, side: Side) -> Any:
    return client.post(
        reverse("wagtaildocs:edit", args=[side.document]),
        {"title": f"Dokument {side.key} ändrad", "collection": side.collection, "tags": ""},
    )


ACTIONS = [
    # Images and documents, each in its municipality's collection.
    Action(
        "upload image",
        upload_image,
        in_collection(get_image_model, "Ny bild"),
        OWN,
        ok=REDIRECT,
        # An editor with a single collection gets no collection field: whatever they post,
        # the upload lands in their own collection, not the target's.
        refused=REDIRECT,
        refused_for=((TRANSLATOR, DENIED),),
    ),
    Action(
        "choose image",
        get(lambda w, s: reverse("wagtailimages_chooser:chosen", args=[s.image])),
        shows(lambda s: s.marker),
        OWN,
    ),
    Action(
        "image library",
        get(lambda w, s: reverse("wagtailimages:index")),
        shows(lambda s: f"Bild {s.key} {s.marker}"),
        OWN,
        refused=OK,
        refused_for=((TRANSLATOR, DENIED),),
    ),
    Action(
        "edit image",
        edit_image,
        lambda w, s, r: get_image_model().objects.get(pk=s.image).title.endswith("ändrad"),
        OWN,
        ok=REDIRECT,
    ),
    Action(
        # Someone else's upload: only the delete permission (project managers) allows it.
        "delete image",
        lambda c, w, s: c.post(reverse("wagtailimages:delete", args=[s.image])),
        lambda w, s, r: not get_image_model().objects.filter(pk=s.image).exists(),
        ONLY_PM,
        ok=REDIRECT,
    ),
    Action(
        "upload document",
        upload_document,
        in_collection(get_document_model, "Nytt dokument"),
        OWN,
        ok=REDIRECT,
        refused=REDIRECT,  # as for images
        refused_for=((TRANSLATOR, DENIED),),
    ),
    Action(
        "choose document",
        get(lambda w, s: reverse("wagtaildocs_chooser:chosen", args=[s.document])),
        shows(lambda s: s.marker),
        OWN,
    ),
    Action(
        "edit document",
        edit_document,
        lambda w, s, r: get_document_model().objects.get(pk=s.document).title.endswith("ändrad"),
        OWN,
        ok=REDIRECT,
    ),
    Action(
        "delete document",
        lambda c, w, s: c.post(reverse("wagtaildocs:delete", args=[s.document])),
        lambda w, s, r: not get_document_model().objects.filter(pk=s.document).exists(),
        ONLY_PM,
        ok=REDIRECT,
    ),
]


@pytest.mark.parametrize("cell", matrix.cells("files", ACTIONS))
def test_file_permissions(db: None, world: World, client: Client, cell: matrix.Cell) -> None:
    matrix.assert_cell(world, client, cell)
