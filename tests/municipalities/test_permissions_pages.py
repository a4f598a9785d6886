"""The permission matrix for pages (municipalities/permissions/pages.py and the groups' page
permissions): the page tree, a page's lifecycle and the endpoints that return pages.

How a cell is played and what it asserts: tests/municipalities/permission_matrix.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, TaskState

from tests.municipalities import permission_matrix as matrix
from tests.municipalities.admin_outcomes import FORM_ERROR, NOT_FOUND, OK, REDIRECT
from tests.municipalities.permission_matrix import (
    ONLY_PM,
    OWN,
    OWN_EDITOR,
    OWN_PUBLISHER,
    PUBLISHERS,
    TRANSLATOR,
    Action,
    get,
    shows,
)
from tests.municipalities.roles_world import Side, World, page, practice_form_data

# --- How each action is performed ------------------------------------------------------------


def edit_title(client: Client, world: World, side: Side, **extra: Any) -> Any:
    draft = page(side.draft)
    data = practice_form_data(draft, title=f"{draft.title} ändrad", **extra)
    return client.post(reverse("wagtailadmin_pages:edit", args=[side.draft]), data)


def title_changed(world: World, side: Side, response: Any) -> bool:
    return page(side.draft).get_latest_revision_as_object().title.endswith("ändrad")


def copy_to(destination: Callable[[World, Side], int]) -> Callable[[Client, World, Side], Any]:
    def perform(client: Client, world: World, side: Side) -> Any:
        return client.post(
            reverse("wagtailadmin_pages:copy", args=[side.practice]),
            {
                "new_title": f"Kopia {side.key}",
                "new_slug": f"kopia-{side.key.lower()}",
                "new_parent_page": destination(world, side),
                "copy_subpages": "",
                "publish_copies": "",
                "alias": "",
            },
        )

    return perform


def copied(world: World, side: Side, response: Any) -> bool:
    return Page.objects.filter(slug=f"kopia-{side.key.lower()}").exists()


def in_review(world: World, side: Side, response: Any) -> bool:
    return page(side.draft).workflow_in_progress


def approved(world: World, side: Side, response: Any) -> bool:
    return TaskState.objects.get(pk=side.review_task_state).status == TaskState.STATUS_APPROVED


def page_gone(pk_of: Callable[[Side], int]) -> Callable[[World, Side, Any], bool]:
    return lambda world, side, response: not Page.objects.filter(pk=pk_of(side)).exists()


ACTIONS = [
    # The page tree: listing, editing and a page's lifecycle.
    Action(
        "explore municipality",
        get(lambda w, s: reverse("wagtailadmin_explore", args=[s.municipality])),
        shows(lambda s: f"Utkast {s.key}"),
        OWN,
        # Another municipality's page is not found (its header would show its draft title);
        # the translator is sent on to the English tree, their explorable root.
        refused=NOT_FOUND,
        refused_for=((TRANSLATOR, REDIRECT),),
    ),
    Action(
        "open municipality profile",
        get(lambda w, s: reverse("wagtailadmin_pages:edit", args=[s.municipality])),
        shows(lambda s: "official_name"),
        OWN,
    ),
    Action(
        "add practice form",
        get(
            lambda w, s: reverse(
                "wagtailadmin_pages:add", args=["practices", "practicepage", s.municipality]
            )
        ),
        shows(lambda s: 'name="summary"'),
        OWN,
    ),
    Action(
        "open editor",
        get(lambda w, s: reverse("wagtailadmin_pages:edit", args=[s.draft])),
        shows(lambda s: s.marker),
        OWN,
    ),
    Action("save draft", edit_title, title_changed, OWN, ok=REDIRECT),
    Action(
        "publish",
        lambda c, w, s: edit_title(c, w, s, **{"action-publish": "publish"}),
        lambda w, s, r: page(s.draft).live,
        PUBLISHERS,
        ok=REDIRECT,
        # An editor's "publish" is not carried out; they are sent back to the editor.
        refused_for=((OWN_EDITOR, REDIRECT),),
    ),
    Action(
        "submit for review",
        lambda c, w, s: edit_title(c, w, s, **{"action-submit": "submit"}),
        in_review,
        OWN,
        ok=REDIRECT,
    ),
    Action(
        "unpublish",
        lambda c, w, s: c.post(reverse("wagtailadmin_pages:unpublish", args=[s.practice])),
        lambda w, s, r: not page(s.practice).live,
        PUBLISHERS,
        ok=REDIRECT,
    ),
    Action(
        "move to other municipality",
        lambda c, w, s: c.post(
            reverse(
                "wagtailadmin_pages:move_confirm",
                args=[s.practice, w.other(s.key).municipality],
            )
        ),
        lambda w, s, r: page(s.practice).get_parent().pk == w.other(s.key).municipality,
        ONLY_PM,
        ok=REDIRECT,
    ),
    Action(
        "copy within municipality",
        copy_to(lambda w, s: s.municipality),
        copied,
        OWN,
        ok=REDIRECT,
    ),
    Action(
        "copy to other municipality",
        copy_to(lambda w, s: w.other(s.key).municipality),
        copied,
        ONLY_PM,
        ok=REDIRECT,
        # The target's own people may copy the page, but the destination is refused.
        refused_for=((OWN_EDITOR, FORM_ERROR), (OWN_PUBLISHER, FORM_ERROR)),
    ),
    Action(
        "delete live practice",
        lambda c, w, s: c.post(reverse("wagtailadmin_pages:delete", args=[s.practice])),
        page_gone(lambda s: s.practice),
        PUBLISHERS,
        ok=REDIRECT,
    ),
    Action(
        "delete draft",
        lambda c, w, s: c.post(reverse("wagtailadmin_pages:delete", args=[s.draft])),
        page_gone(lambda s: s.draft),
        OWN,
        ok=REDIRECT,
    ),
    Action(
        "bulk delete draft",
        lambda c, w, s: c.post(
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
            + f"?id={s.draft}"
        ),
        page_gone(lambda s: s.draft),
        OWN,
        ok=REDIRECT,
        # The bulk action skips pages the user may not delete, and says so.
        refused=REDIRECT,
    ),
    Action(
        "view revision",
        get(
            lambda w, s: reverse(
                "wagtailadmin_pages:revisions_view", args=[s.practice, s.revisions[1]]
            )
        ),
        shows(lambda s: f"{s.marker}rev"),
        OWN,
    ),
    Action(
        "compare revisions",
        get(
            lambda w, s: reverse(
                "wagtailadmin_pages:revisions_compare",
                args=[s.practice, s.revisions[0], s.revisions[1]],
            )
        ),
        shows(lambda s: f"{s.marker}rev"),
        OWN,
    ),
    Action(
        "page history",
        get(lambda w, s: reverse("wagtailadmin_pages:history", args=[s.practice])),
        shows(lambda s: f"Praktik {s.key}"),
        OWN,
    ),
    Action(
        "workflow history and comments",
        get(lambda w, s: reverse("wagtailadmin_pages:workflow_history", args=[s.review])),
        shows(lambda s: f"{s.marker}gr"),
        OWN,
    ),
    Action(
        "view draft",
        get(lambda w, s: reverse("wagtailadmin_pages:view_draft", args=[s.draft])),
        shows(lambda s: s.marker),
        OWN,
    ),
    Action(
        "lock",
        lambda c, w, s: c.post(reverse("wagtailadmin_pages:lock", args=[s.practice])),
        lambda w, s, r: page(s.practice).locked,
        OWN,
        ok=REDIRECT,
    ),
    Action(
        "approve in workflow",
        lambda c, w, s: c.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[s.review, "approve", s.review_task_state],
            ),
            {"comment": ""},
        ),
        approved,
        ONLY_PM,
        ok=REDIRECT,
    ),
    Action(
        "translation editor",
        get(lambda w, s: reverse("wagtailadmin_pages:edit", args=[s.practice_en])),
        shows(lambda s: f"Praktik {s.key}"),
        OWN | {TRANSLATOR},
    ),
    # Endpoints and choosers that list or return pages.
    Action(
        "admin API page detail",
        get(lambda w, s: f"/admin/api/main/pages/{s.draft}/"),
        shows(lambda s: s.marker),
        OWN,
        refused=NOT_FOUND,
    ),
    Action(
        "page chooser search",
        get(lambda w, s: reverse("wagtailadmin_choose_page_search") + f"?q=Utkast+{s.key}"),
        shows(lambda s: s.marker),
        OWN,
        refused=OK,
    ),
]


@pytest.mark.parametrize("cell", matrix.cells("pages", ACTIONS))
def test_page_permissions(db: None, world: World, client: Client, cell: matrix.Cell) -> None:
    matrix.assert_cell(world, client, cell)
