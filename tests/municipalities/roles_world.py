"""A small world of two municipalities, their people and their things, built once per module.

Municipality A (Hylte, from the shared site tree) and B (Borås), each in Swedish and English,
each with a live practice (two revisions), a never-published draft, a practice waiting in the
review workflow, an English translation made with wagtail-localize, an image, a document and a
contact person in its own collection. Users: an editor and a publisher of A, an editor of B, a
translator and a project manager, plus the editors who submitted the practices for review.

The ``world`` fixture (tests/conftest.py) builds it once per test module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import Translation, TranslationSource

from municipalities.models import MunicipalityAccess, MunicipalityPage
from municipalities.permissions.roles import PROJECT_MANAGERS, TRANSLATORS
from practices.models import PracticePage
from tests import factories

PASSWORD = "x"  # noqa: S105 (test accounts only)


@dataclass
class Side:
    """One municipality's things, by primary key (tests re-read them from the database)."""

    key: str
    municipality: int
    municipality_en: int
    practice: int
    practice_en: int
    draft: int
    review: int
    review_task_state: int
    revisions: tuple[int, int]
    image: int
    document: int
    contact: int
    collection: int
    marker: str  # text that appears only in this side's drafts, files and contacts


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)
    sides: dict[str, Side] = field(default_factory=dict)
    locales: dict[str, Locale] = field(default_factory=dict)

    def other(self, key: str) -> Side:
        return self.sides["B" if key == "A" else "A"]


def _group(municipality: MunicipalityPage, role: str) -> Group:
    access = MunicipalityAccess.objects.get(translation_key=municipality.translation_key)
    return getattr(access, role)


def _user(username: str, *groups: Group) -> Any:
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@kommun.example", password=PASSWORD
    )
    user.groups.add(*groups)
    return user


def _side(
    key: str,
    municipality: MunicipalityPage,
    municipality_en: MunicipalityPage,
    editor: Any,
    pm: Any,
) -> Side:
    marker = f"Hemlig{key}"
    practice = factories.PracticePageFactory(
        parent=municipality, title=f"Praktik {key}", slug=f"praktik-{key.lower()}", owner=editor
    )
    first = practice.save_revision(user=editor)
    first.publish(user=pm)
    practice.title = f"Praktik {key} {marker}rev"
    second = practice.save_revision(user=editor)

    draft = factories.PracticePageFactory(
        parent=municipality,
        title=f"Utkast {key} {marker}",
        slug=f"utkast-{key.lower()}",
        live=False,
        owner=editor,
    )
    draft.save_revision(user=editor)

    review = factories.PracticePageFactory(
        parent=municipality,
        title=f"Granskas {key} {marker}gr",
        slug=f"granskas-{key.lower()}",
        live=False,
        owner=editor,
    )
    review.save_revision(user=editor)
    workflow = review.get_workflow()
    workflow_state = workflow.start(review, editor)
    task_state = TaskState.objects.get(
        workflow_state=workflow_state, status=TaskState.STATUS_IN_PROGRESS
    )

    source, _created = TranslationSource.get_or_create_from_instance(
        PracticePage.objects.get(pk=practice.pk)
    )
    translation = Translation.objects.create(
        source=source, target_locale=municipality_en.locale, enabled=True
    )
    translation.save_target(user=pm, publish=True)
    practice_en = PracticePage.objects.get(
        translation_key=practice.translation_key, locale=municipality_en.locale
    )

    access = MunicipalityAccess.objects.get(translation_key=municipality.translation_key)
    image = get_image_model().objects.create(
        title=f"Bild {key} {marker}",
        file=get_test_image_file(filename=f"bild-{key.lower()}.png"),
        collection=access.collection,
    )
    document = get_document_model().objects.create(
        title=f"Dokument {key} {marker}",
        file=ContentFile(b"PDF", name=f"dokument-{key.lower()}.pdf"),
        collection=access.collection,
    )
    contact = factories.ContactPersonFactory(
        name=f"Kontakt {key} {marker}", municipality=municipality
    )
    return Side(
        key=key,
        municipality=municipality.pk,
        municipality_en=municipality_en.pk,
        practice=practice.pk,
        practice_en=practice_en.pk,
        draft=draft.pk,
        review=review.pk,
        review_task_state=task_state.pk,
        revisions=(first.pk, second.pk),
        image=image.pk,
        document=document.pk,
        contact=contact.pk,
        collection=access.collection_id,
        marker=marker,
    )


def build_world() -> World:
    locales = {
        "sv": Locale.objects.get_or_create(language_code="sv")[0],
        "en": Locale.objects.get_or_create(language_code="en")[0],
    }
    tree = factories.build_site_tree(locales)
    muni_a, muni_a_en = tree["municipality_sv"], tree["municipality_en"]
    muni_b = factories.MunicipalityPageFactory(
        parent=tree["municipality_index_sv"], title="Borås", slug="boras", code="1490", county="14"
    )
    muni_b_en = factories.translate(muni_b, locales["en"])

    pm = _user("pm", Group.objects.get(name=PROJECT_MANAGERS))
    users = {
        "anonymous": None,
        "editor_a": _user("editor_a", _group(muni_a, "editors")),
        "publisher_a": _user("publisher_a", _group(muni_a, "publishers")),
        "editor_b": _user("editor_b", _group(muni_b, "editors")),
        "translator": _user("translator", Group.objects.get(name=TRANSLATORS)),
        "pm": pm,
    }
    # The practices' authors: editors of their municipality, but not the users under test,
    # so "own page" rules (add permission lets you edit what you created) do not blur results.
    author_a = _user("author_a", _group(muni_a, "editors"))
    author_b = _user("author_b", _group(muni_b, "editors"))
    world = World(users=users, locales=locales)
    world.sides["A"] = _side("A", muni_a, muni_a_en, author_a, pm)
    world.sides["B"] = _side("B", muni_b, muni_b_en, author_b, pm)
    return world


def practice_form_data(page: PracticePage, **overrides: Any) -> dict[str, Any]:
    """A valid POST for the practice edit form, with the page's current values."""
    page = page.get_latest_revision_as_object()
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "tags": "",
        "challenge": rich_text(page.challenge or "<p>x</p>"),
        "what_was_done": rich_text(""),
        "results": rich_text(page.results or ""),
        "evidence_level": page.evidence_level,
        "key_figures": streamfield([]),
        "lessons_learned": rich_text(""),
        "what_did_not_work": rich_text(""),
        "transferability": rich_text(""),
        "resources_needed": rich_text(""),
        "scale_notes": rich_text(""),
        "body": streamfield([]),
        "status": page.status,
        "last_verified": (page.last_verified or date.today()).isoformat(),
        "funding": streamfield([]),
        "partners": streamfield([]),
        "sources": streamfield([]),
        "adaptation_notes": rich_text(""),
        "contact_links": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def page(pk: int) -> Page:
    return Page.objects.get(pk=pk).specific


# The review workflow as a user drives it in the admin (submit, then approve or reject).
def submit(client: Any, page_id: int) -> Any:
    data = practice_form_data(page(page_id), **{"action-submit": "submit"})
    return client.post(reverse("wagtailadmin_pages:edit", args=[page_id]), data)


def current_task_state(page_id: int) -> TaskState:
    return TaskState.objects.get(
        workflow_state__object_id=str(page_id),
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        status=TaskState.STATUS_IN_PROGRESS,
    )


def act(client: Any, page_id: int, action: str, comment: str = "") -> Any:
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page_id, action, current_task_state(page_id).pk],
    )
    return client.post(url, {"comment": comment})
