"""The permission matrix: every role × every action × A's and B's objects, through the admin.

Each cell makes the request a user would make in the admin and asserts the exact status code
and whether the thing happened (for changes) or showed up (for views: the target's secret
marker text is, or is not, in the response). Expectations are written per *relation* between
the role and the target: the editor of A acting on A's objects is an "own editor", on B's an
"other editor", and so on, so the same rule is checked from both sides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, TaskState

from municipalities.models import ContactPerson
from tests.municipalities.roles_world import Side, World, page, practice_form_data

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


# Outcomes, from what the admin actually answers. Wagtail turns a refused permission into a
# redirect to the dashboard with a message; a 404 may come back as the language redirect that
# LocaleMiddleware adds in front of the catch-all page URL. Both are classified, not guessed.
OK = "200"
REDIRECT = "302 onwards"  # the normal redirect after a successful (or harmless) POST
DENIED = "302 denied"
NOT_FOUND = "not found"
LOGIN = "302 login"
FORM_ERROR = "200"  # the form comes back with an error


def outcome(response: Any) -> str:
    status = response.status_code
    if status == 404:
        return NOT_FOUND
    if status != 302:
        return str(status)
    location = response["Location"]
    if location.startswith(reverse("wagtailadmin_login")):
        return LOGIN
    if location == reverse("wagtailadmin_home"):
        return DENIED
    if location == "/sv" + response.wsgi_request.get_full_path():
        return NOT_FOUND
    return REDIRECT


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

CELLS = [
    pytest.param(role, action, target, id=f"{role}-{action.name.replace(' ', '_')}-{target}")
    for action in ACTIONS
    for role in ROLES
    for target in TARGETS
]


@pytest.fixture(scope="module", autouse=True)
def report_matrix_size(request: pytest.FixtureRequest) -> None:
    """Print the matrix's size in the terminal summary at the end of the run."""

    class MatrixSummary:
        def pytest_terminal_summary(self, terminalreporter: Any) -> None:
            terminalreporter.write_line(
                f"Permission matrix: {len(ROLES)} roles × {len(ACTIONS)} actions × "
                f"{len(TARGETS)} targets = {len(CELLS)} cells"
            )

    plugins = request.config.pluginmanager
    if not plugins.has_plugin("roles-matrix-summary"):
        plugins.register(MatrixSummary(), "roles-matrix-summary")


@pytest.mark.parametrize(("role", "action", "target"), CELLS)
def test_permission_matrix(
    db: None, world: World, client: Client, role: str, action: Action, target: str
) -> None:
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    side = world.sides[target]

    response = action.perform(client, world, side)
    happened = action.happened(world, side, response)

    expected = action.expected(relation(role, target))
    actual = (outcome(response), happened)
    assert actual == expected, f"got {actual}, expected {expected} ({response.status_code})"
