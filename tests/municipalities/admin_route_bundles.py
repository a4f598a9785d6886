"""Municipality B's private objects, and the shared ones, as bundles of URL parameters.

Each bundle says which roles may change its object (``changers``); the markers say which
roles may see the text that only B's (or A's) private objects carry. Used by
tests/municipalities/test_permissions_admin_routes.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from wagtail.admin.models import EditingSession
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Comment, Page, Task, TaskState, UploadedFile, Workflow
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    Translation,
    TranslationSource,
)

from learning.models import CallForPractices
from municipalities.models import ContactPerson, MunicipalityAccess, MunicipalityProfile
from municipalities.permissions.roles import REVIEW_TASK, REVIEW_WORKFLOW
from outreach.models import PracticeSuggestion
from practices.models import PracticePage
from search.models import SynonymSet
from tests import factories
from tests.municipalities.admin_routes import (
    NOBODY,
    OWNERS_A,
    OWNERS_B,
    Bundle,
    Probe,
    model_params,
)
from tests.municipalities.roles_world import World


def _page_bundle(label: str, page: Page, world: World, **extra: Any) -> Bundle:
    page = page.specific
    revision = page.latest_revision or page.save_revision()
    first = page.revisions.order_by("pk").first()
    values = {
        "page_id": page.pk,
        "parent_page_id": page.pk,
        "page_to_move_id": page.pk,
        "destination_id": world.sides["A"].municipality,
        "page_pk": page.pk,
        "pk": page.pk,
        "object_id": page.pk,
        "revision_id": revision.pk,
        "revision_id_a": first.pk,
        "revision_id_b": revision.pk,
        "workflow_pk": Workflow.objects.get(name=REVIEW_WORKFLOW).pk,
    }
    values.update(extra)
    return Bundle(label, values, model=type(page), **_pop_bundle_options(values))


def _pop_bundle_options(values: dict[str, Any]) -> dict[str, Any]:
    return {key: values.pop(key) for key in ("changers", "no_delete") if key in values}


def _extra_objects(world: World) -> dict[str, Any]:
    """B's private things that the shared world lacks: a review comment, an English draft
    the translator works on, an upload in progress, an editing session, an overdue contact."""
    b = world.sides["B"]
    author_b = type(world.users["pm"])._default_manager.get(username="author_b")
    practice = PracticePage.objects.get(pk=b.practice)
    comment = Comment.objects.create(
        page=practice, user=author_b, text="Kommentar HemligBkommentar", contentpath="title"
    )
    # A Swedish draft submitted for translation; its English draft is the translator's job.
    to_translate = factories.PracticePageFactory(
        parent=Page.objects.get(pk=b.municipality),
        title="Oversatts B KallaB",
        slug="oversatts-b",
        live=False,
        owner=author_b,
    )
    to_translate.save_revision(user=author_b)
    source, _created = TranslationSource.get_or_create_from_instance(to_translate)
    translation = Translation.objects.create(
        source=source, target_locale=world.locales["en"], enabled=True
    )
    translation.save_target(user=world.users["pm"], publish=False)
    english_draft = PracticePage.objects.get(
        translation_key=to_translate.translation_key, locale=world.locales["en"]
    )
    upload = UploadedFile.objects.create(
        file=ContentFile(b"x", name="uppladdning-b-HemligB.png"),
        for_content_type=ContentType.objects.get_for_model(get_image_model()),
        uploaded_by_user=author_b,
    )
    session = EditingSession.objects.create(
        user=author_b,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(b.draft),
        last_seen_at=practice.latest_revision_created_at,
    )
    # Shared vocabulary and calls: one of each snippet type, for the snippet views.
    factories.TargetGroupFactory()
    factories.ApproachFactory()
    MunicipalityProfile.objects.create(
        code="1490", name="Borås kommun", short_name="Borås", county="14"
    )
    CallForPractices.objects.create(
        title="Upprop", description="x", deadline=date(2099, 1, 1), locale=world.locales["sv"]
    )
    ContactPerson.objects.filter(pk__in=[b.contact, world.sides["A"].contact]).update(
        review_date=date(2000, 1, 1)
    )
    return {
        "comment": comment,
        "to_translate": to_translate,
        "translation": translation,
        "english_draft": english_draft,
        "upload": upload,
        "session": session,
    }


def build_bundles(world: World, extra: dict[str, Any]) -> list[Bundle]:
    a, b = world.sides["A"], world.sides["B"]
    review = Page.objects.get(pk=b.review)
    task_state = TaskState.objects.get(pk=b.review_task_state)
    review_extra = {
        "task_state_id": task_state.pk,
        "task_id": task_state.task_id,
        "workflow_state_id": task_state.workflow_state_id,
        "action_name": "approve",
    }
    translation = extra["translation"]
    source = translation.source
    string_segment = StringSegment.objects.filter(source=source).first()
    overridable = OverridableSegment.objects.filter(source=source).first()
    translation_values = {
        "translation_id": translation.pk,
        "translation_source_id": source.pk,
        "string_segment_id": string_segment.pk,
        "overridable_segment_id": overridable.pk if overridable else 0,
        "mode": "x",
    }
    translator_may_edit = {"changers": OWNERS_B | {"translator"}, "no_delete": {"translator"}}
    bundles = [
        _page_bundle("B's draft", Page.objects.get(pk=b.draft), world),
        _page_bundle(
            "B's live practice with a pending draft", Page.objects.get(pk=b.practice), world
        ),
        _page_bundle("B's practice in review", review, world, **review_extra),
        Bundle(
            "B's practice in review (reject)",
            {"page_id": review.pk, **review_extra, "action_name": "reject"},
        ),
        _page_bundle("B's municipality", Page.objects.get(pk=b.municipality), world),
        _page_bundle(
            "B's English draft (translator's)",
            extra["english_draft"],
            world,
            **translation_values,
            **translator_may_edit,
        ),
        Bundle(
            "A's draft moved into B's draft",
            {"page_to_move_id": a.draft, "destination_id": b.draft},
            changers=frozenset({"pm"}),
            exact=True,
        ),
        Bundle(
            "B's image",
            {
                **model_params(get_image_model()),
                "image_id": b.image,
                "pk": b.image,
                "filter_spec": "original",
                "object_id": b.image,
            },
            model=get_image_model(),
        ),
        Bundle(
            "B's document",
            {
                **model_params(get_document_model()),
                "document_id": b.document,
                "doc_id": b.document,
                "pk": b.document,
                "object_id": b.document,
            },
            model=get_document_model(),
        ),
        Bundle(
            "B's upload in progress",
            {"uploaded_file_id": extra["upload"].pk},
        ),
        Bundle(
            "B's collection",
            {"collection_id": b.collection, "pk": b.collection},
            model=Collection,
        ),
        Bundle(
            "B's contact person",
            {**model_params(ContactPerson), "pk": b.contact, "object_id": b.contact},
            model=ContactPerson,
        ),
        Bundle(
            "B's editing session",
            {**model_params(Page), "object_id": b.draft, "session_id": extra["session"].pk},
        ),
        Bundle(
            "the review workflow",
            {
                "pk": Workflow.objects.get(name=REVIEW_WORKFLOW).pk,
                "workflow_pk": Workflow.objects.get(name=REVIEW_WORKFLOW).pk,
            },
            model=Workflow,
            changers=NOBODY,
        ),
        Bundle(
            "the review task",
            {
                "pk": Task.objects.get(name=REVIEW_TASK).pk,
                "task_id": Task.objects.get(name=REVIEW_TASK).pk,
                **model_params(type(Task.objects.get(name=REVIEW_TASK).specific)),
            },
            model=Task,
            changers=NOBODY,
        ),
    ]
    # The shared things every editor sees but only some may change.
    editor_b = world.users["editor_b"]
    access_b = MunicipalityAccess.objects.get(collection_id=b.collection)
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import Locale, Site

    redirect = Redirect.objects.create(old_path="/hemligb-gammal", redirect_link="/sv/")
    query = Query.get("hemlig")
    SearchPromotion.objects.create(
        query=query, page=Page.objects.get(pk=b.practice), description="x"
    )
    for label, obj, changers in (
        ("B's editor (a user)", editor_b, NOBODY),
        ("B's editor group", access_b.editors, NOBODY),
        ("the English locale", Locale.objects.get(language_code="en"), NOBODY),
        ("the default site", Site.objects.get(is_default_site=True), NOBODY),
    ):
        bundles.append(Bundle(label, {"pk": obj.pk}, model=type(obj), changers=changers))
    bundles.append(Bundle("a redirect", {"redirect_id": redirect.pk}, changers=NOBODY))
    bundles.append(Bundle("a search promotion", {"query_id": query.pk}, changers=frozenset({"pm"})))
    # Every snippet model needs an object to probe its views with; these have none yet.
    if not SynonymSet.objects.exists():
        SynonymSet.objects.create(words="kafé, café", locale=Locale.objects.get(language_code="sv"))
    for model in get_snippet_models():
        if model is ContactPerson:
            continue
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        bundles.append(
            Bundle(
                f"snippet {model._meta.label}",
                {**model_params(model), "pk": obj.pk, "object_id": obj.pk, "call_id": obj.pk},
                model=model,
                changers=frozenset({"pm"}),
            )
        )
    from wagtail.contrib.settings.registry import registry as settings_registry

    site = Site.objects.get(is_default_site=True)
    for model in settings_registry:
        instance = model.for_site(site) if hasattr(model, "for_site") else model.load()
        bundles.append(
            Bundle(
                f"setting {model._meta.label}",
                {
                    "app_name": model._meta.app_label,
                    "model_name": model._meta.model_name,
                    "pk": instance.pk,
                },
                model=model,
                changers=NOBODY,
            )
        )
    # The page types B's municipality takes (for "add", "create" and the type use listing).
    for model in Page.objects.get(pk=b.municipality).specific.allowed_subpage_models():
        bundles.append(
            Bundle(
                f"page type {model._meta.label} under B",
                {**model_params(model), "parent_page_id": b.municipality},
                changers=OWNERS_B,
            )
        )
    call = CallForPractices.objects.order_by("pk").first()
    if call is not None:
        bundles.append(Bundle("a call for practices", {"call_id": call.pk}, changers=OWNERS_B))
    # A practice suggested from outside for B: its editors and the project managers see it,
    # only project managers decide on it.
    suggestion = PracticeSuggestion.objects.create(
        name="HemligB Avsändare",
        email="avsandare@example.org",
        municipality=Page.objects.get(pk=b.municipality).specific,
        title="Förslag HemligBforslag",
        what_was_done="Ett förslag som bara B:s granskare får se.",
    )
    bundles.append(
        Bundle(
            "a suggestion for B",
            {"pk": suggestion.pk},
            model=PracticeSuggestion,
            changers=frozenset({"pm"}),
        )
    )
    return bundles


def bulk_bundles(world: World) -> list[Bundle]:
    """Every registered bulk action, asked about B's objects of its model (``?id=``)."""
    b = world.sides["B"]
    ids_by_model = {
        Page: [b.draft, b.review, b.practice],
        get_image_model(): [b.image],
        get_document_model(): [b.document],
        ContactPerson: [b.contact],
    }
    bundles = []
    bulk_action_registry._scan_for_bulk_actions()  # noqa: SLF001 (no public listing)
    for app_label, by_model in bulk_action_registry.actions.items():
        for model_name, by_action in by_model.items():
            model = apps.get_model(app_label, model_name)
            ids = next((v for m, v in ids_by_model.items() if issubclass(model, m)), None)
            for action in by_action:
                base = {"app_label": app_label, "model_name": model_name, "action": action}
                if ids is None:
                    bundles.append(Bundle(f"bulk {action} {model_name}", base, changers=NOBODY))
                    continue
                bundles.append(Bundle(f"bulk {action} {model_name} of B", base, query={"id": ids}))
                if model is Page:
                    bundles.append(
                        Bundle(
                            f"bulk {action} all pages of B",
                            base,
                            query={"id": "all", "childOf": b.municipality},
                        )
                    )
    return bundles


def markers_of(world: World) -> dict[str, frozenset[str]]:
    return {
        "HemligB": OWNERS_B,  # B's drafts, pending title, revision, files, contact, comment
        "bild-b": OWNERS_B,
        "dokument-b": OWNERS_B,
        "uppladdning-b": NOBODY,  # only its uploader (author_b) sees an upload
        "KallaB": OWNERS_B | {"translator"},  # submitted for translation: the source text
        "HemligA": OWNERS_A,
        "bild-a": OWNERS_A,
        "dokument-a": OWNERS_A,
    }


def build_probe(world: World) -> Probe:
    extra = _extra_objects(world)
    bundles = build_bundles(world, extra) + bulk_bundles(world)
    return Probe(world=world, bundles=bundles, markers=markers_of(world))
