"""The permission matrix: every role × every action × A's and B's objects, through the admin.

Each cell makes the request a user would make in the admin and asserts the exact status code
and whether the thing happened (for changes) or showed up (for views: the target's secret
marker text is, or is not, in the response). Expectations are written per *relation* between
the role and the target: the editor of A acting on A's objects is an "own editor", on B's an
"other editor", and so on, so the same rule is checked from both sides.

The actions live with the tests of the permission module they exercise
(test_permissions_pages.py, test_permissions_files.py, test_permissions_contacts.py); this
module holds the roles, the relations, the outcomes and how one cell is played.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from tests.municipalities.admin_outcomes import DENIED, LOGIN, OK, outcome
from tests.municipalities.roles_world import Side, World

ROLES = ("anonymous", "editor_a", "publisher_a", "editor_b", "translator", "pm")
TARGETS = ("A", "B")
# Relations between a role and a target's municipality.
OWN_EDITOR, OWN_PUBLISHER = "own_editor", "own_publisher"
OTHER_EDITOR, OTHER_PUBLISHER = "other_editor", "other_publisher"
TRANSLATOR, PM, ANONYMOUS = "translator", "pm", "anonymous"

OWN = frozenset({OWN_EDITOR, OWN_PUBLISHER, PM})
PUBLISHERS = frozenset({OWN_PUBLISHER, PM})
ONLY_PM = frozenset({PM})


def relation(role: str, target: str) -> str:
    if role in (ANONYMOUS, TRANSLATOR, PM):
        return role
    municipality = role[-1].upper()
    kind = "publisher" if role.startswith("publisher") else "editor"
    return f"{'own' if municipality == target else 'other'}_{kind}"


@dataclass(frozen=True)
class Action:
    """One admin action: how to perform it and how to tell whether it happened."""

    name: str
    perform: Callable[[Client, World, Side], Any]
    happened: Callable[[World, Side, Any], bool]
    allowed: frozenset[str]
    ok: str = OK
    refused: str = DENIED
    # Where a refusal looks different for a particular relation.
    refused_for: tuple[tuple[str, str], ...] = ()

    def expected(self, rel: str) -> tuple[str, bool]:
        if rel == ANONYMOUS:
            return LOGIN, False
        if rel in self.allowed:
            return self.ok, True
        return dict(self.refused_for).get(rel, self.refused), False


def shows(marker_of: Callable[[Side], str]) -> Callable[[World, Side, Any], bool]:
    """For views: did the response reveal the target's marker text?"""

    def check(world: World, side: Side, response: Any) -> bool:
        return marker_of(side) in response.content.decode(errors="replace")

    return check


def get(url_of: Callable[[World, Side], str]) -> Callable[[Client, World, Side], Any]:
    return lambda client, world, side: client.get(url_of(world, side))


# --- The cells --------------------------------------------------------------------------------

# Actions per matrix, by name, as the test modules build their cells, and the cells played:
# for the summary line (tests/municipalities/conftest.py).
MATRICES: dict[str, int] = {}
PLAYED: list[Cell] = []


@dataclass(frozen=True)
class Cell:
    """One role acting on one target's object."""

    role: str
    action: Action
    target: str


def cells(matrix: str, actions: list[Action]) -> list[Any]:
    """Every role × action × target, as parameters of a test of the matrix named ``matrix``."""
    MATRICES[matrix] = len(actions)
    return [
        pytest.param(
            Cell(role, action, target), id=f"{role}-{action.name.replace(' ', '_')}-{target}"
        )
        for action in actions
        for role in ROLES
        for target in TARGETS
    ]


def assert_cell(world: World, client: Client, cell: Cell) -> None:
    """Perform the cell's action as its role; assert the outcome and whether it happened."""
    PLAYED.append(cell)
    role, action, target = cell.role, cell.action, cell.target
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    side = world.sides[target]

    response = action.perform(client, world, side)
    happened = action.happened(world, side, response)

    expected = action.expected(relation(role, target))
    actual = (outcome(response), happened)
    assert actual == expected, f"got {actual}, expected {expected} ({response.status_code})"
