"""The permission matrix for contact persons (municipalities/permissions/contacts.py and the
contact views): scoped per municipality.

How a cell is played and what it asserts: tests/municipalities/permission_matrix.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from municipalities.models import ContactPerson
from tests.municipalities import permission_matrix as matrix
from tests.municipalities.admin_outcomes import DENIED, NOT_FOUND, OK, REDIRECT
from tests.municipalities.permission_matrix import (
    ONLY_PM,
    OWN,
    OWN_EDITOR,
    OWN_PUBLISHER,
    TRANSLATOR,
    Action,
    get,
    shows,
)
from tests.municipalities.roles_world import Side, World

# --- How each action is performed ------------------------------------------------------------


def edit_contact(client: Client, world: World, side: Side) -> Any:
    contact = ContactPerson.objects.get(pk=side.contact)
    return client.post(
        reverse("wagtailsnippets_municipalities_contactperson:edit", args=[side.contact]),
        {
            "name": f"{contact.name} ändrad",
            "role": contact.role,
            "email": contact.email,
            "phone": contact.phone,
            "municipality": side.municipality,
            "review_date": contact.review_date.isoformat(),
        },
    )


def contact_url(view: str) -> Callable[[World, Side], str]:
    return lambda world, side: reverse(
        f"wagtailsnippets_municipalities_contactperson:{view}", args=[side.contact]
    )


ACTIONS = [
    # Contact persons: scoped per municipality by our permission policy and views. A contact
    # outside the user's municipalities is "not found", whatever the view.
    Action(
        "contact list",
        get(lambda w, s: reverse("wagtailsnippets_municipalities_contactperson:list")),
        shows(lambda s: s.marker),
        OWN,
        refused=OK,
        refused_for=((TRANSLATOR, DENIED),),
    ),
    Action(
        "edit contact",
        edit_contact,
        lambda w, s, r: ContactPerson.objects.get(pk=s.contact).name.endswith("ändrad"),
        OWN,
        ok=REDIRECT,
        refused=NOT_FOUND,
    ),
    Action(
        "delete contact",
        lambda c, w, s: c.post(contact_url("delete")(w, s)),
        lambda w, s, r: not ContactPerson.objects.filter(pk=s.contact).exists(),
        ONLY_PM,
        ok=REDIRECT,
        refused=NOT_FOUND,
        # Their own municipality's contact: found, but editors may not delete contacts.
        refused_for=((OWN_EDITOR, DENIED), (OWN_PUBLISHER, DENIED)),
    ),
    Action(
        "bulk delete contact",
        lambda c, w, s: c.post(
            reverse("wagtail_bulk_action", args=["municipalities", "contactperson", "delete"])
            + f"?id={s.contact}"
        ),
        lambda w, s, r: not ContactPerson.objects.filter(pk=s.contact).exists(),
        ONLY_PM,
        ok=REDIRECT,
        refused=REDIRECT,
    ),
    Action(
        "contact history",
        get(contact_url("history")),
        shows(lambda s: s.marker),
        OWN,
        refused=NOT_FOUND,
    ),
    Action(
        "contact usage",
        get(contact_url("usage")),
        shows(lambda s: s.marker),
        OWN,
        refused=NOT_FOUND,
    ),
    Action(
        "inspect contact",
        get(contact_url("inspect")),
        shows(lambda s: s.marker),
        OWN,
        refused=NOT_FOUND,
    ),
    Action(
        "choose contact",
        get(
            lambda w, s: reverse(
                "wagtailsnippetchoosers_municipalities_contactperson:chosen", args=[s.contact]
            )
        ),
        shows(lambda s: s.marker),
        OWN,
        refused=NOT_FOUND,
    ),
]


@pytest.mark.parametrize("cell", matrix.cells("contacts", ACTIONS))
def test_contact_permissions(db: None, world: World, client: Client, cell: matrix.Cell) -> None:
    matrix.assert_cell(world, client, cell)
