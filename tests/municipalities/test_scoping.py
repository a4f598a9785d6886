"""Every chosen id: no admin form accepts an object outside the user's scope.

The cases come from the system. For every editable model (every page type, snippet, setting,
the image and the document model) the test builds its admin form and finds every field that
refers to another object: foreign keys and many-to-many fields (choosers and selects), the
foreign keys of inline forms, every chooser block in every StreamField's block tree, and every
entity (page link, document link, image embed) that a rich text field or block allows. For
each it submits, as an editor of A, an object of a municipality that is not theirs (a draft
page, an image, a document, a contact, a collection) and expects an error on that field; it
submits an object of A's own in the same place and expects none. A field added tomorrow is in
the walk tomorrow; a field pointing at a model nobody has scoped fails.

Through the admin's own views it also checks that nothing is saved (no new revision), that the
preview refuses, that the form shown again names none of B's objects, and that publishing a
page cannot make B's private document public.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse
from wagtail import blocks
from wagtail.admin.panels import get_edit_handler
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.coreutils import resolve_model_string
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection, Page, Revision
from wagtail.rich_text import features as feature_registry
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import nested_form_data, rich_text

from core.references import ReferenceScopedFormMixin
from municipalities.chooser import workable_pages
from municipalities.models import ContactPerson, MunicipalityPage
from municipalities.scoping import is_public_model
from practices.models import PracticePage
from tests import factories
from tests.municipalities.roles_world import PASSWORD, World, page, practice_form_data

# --- The editable models and their forms ----------------------------------------------------


def editable_models() -> list[type]:
    pages = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and model.is_creatable
    ]
    return [
        *pages,
        *get_snippet_models(),
        *settings_registry,
        get_image_model(),
        get_document_model(),
    ]


def form_class_for(model: type) -> type[forms.BaseForm]:
    if issubclass(model, Page):
        return model.get_edit_handler().get_form_class()
    if model is get_image_model():
        return get_image_form(model)
    if model is get_document_model():
        return get_document_form(model)
    viewset = getattr(model, "snippet_viewset", None)
    handler = viewset.get_edit_handler() if viewset else get_edit_handler(model)
    return handler.get_form_class()


def user_kwargs(model: type, user: Any) -> dict[str, Any]:
    # Wagtail's image and document forms take the user as ``user``, the others as ``for_user``.
    if model in (get_image_model(), get_document_model()):
        return {"user": user}
    return {"for_user": user}


def test_every_admin_form_checks_references():
    models = editable_models()
    assert len(models) >= 12
    unscoped = [
        model.__name__
        for model in models
        if not issubclass(form_class_for(model), ReferenceScopedFormMixin)
    ]
    assert unscoped == []


# --- The cases: where a form takes an id ----------------------------------------------------


@dataclass
class Case:
    model: type
    field: str
    target: type  # the model of the object referred to
    kind: str  # "fk", "m2m", "inline", "block", "entity"
    block_path: tuple[str, ...] = ()  # names down the block tree, for "block" and block entities
    entity: str = ""  # an HTML snippet with {id}, for "entity"
    child_field: str = ""  # for "inline"

    def __str__(self) -> str:
        where = ".".join((self.field, *self.block_path, self.child_field))
        return f"{self.model.__name__}.{where} -> {self.target.__name__} ({self.kind})"


def _entities(feature_names: list[str] | None) -> Iterator[tuple[type, str]]:
    """(model, HTML with {id}) for every entity a rich text editor with these features takes."""
    for name in feature_names or feature_registry.get_default_features():
        rule = feature_registry.get_converter_rule("contentstate", name)
        for selector in (rule or {}).get("from_database_format", {}):
            if selector.startswith("a[linktype="):
                link_type = selector.split('"')[1]
                handler = feature_registry.get_link_types()[link_type]
                yield handler.get_model(), f'<p><a linktype="{link_type}" id="{{id}}">x</a></p>'
            elif selector.startswith("embed[embedtype="):
                embed_type = selector.split('"')[1]
                handler = feature_registry.get_embed_types()[embed_type]
                yield (
                    handler.get_model(),
                    f'<embed embedtype="{embed_type}" id="{{id}}" format="fullwidth" alt="x"/>',
                )


def _block_cases(block: blocks.Block, path: tuple[str, ...]) -> Iterator[tuple]:
    if isinstance(block, blocks.ChooserBlock):
        yield resolve_model_string(block.target_model), path, ""
    elif isinstance(block, blocks.RichTextBlock):
        for model, html in _entities(block.features):
            yield model, path, html
    elif isinstance(block, blocks.ListBlock):
        yield from _block_cases(block.child_block, (*path, "item"))
    elif isinstance(block, (blocks.StreamBlock, blocks.StructBlock)):
        for name, child in block.child_blocks.items():
            yield from _block_cases(child, (*path, name))


def cases_for(model: type, user: Any) -> Iterator[Case]:
    # As a user who sees every choice (Wagtail leaves out a collection field with one choice).
    form = form_class_for(model)(**user_kwargs(model, user))
    for name, field in form.fields.items():
        if isinstance(field, forms.ModelChoiceField):
            kind = "m2m" if isinstance(field, forms.ModelMultipleChoiceField) else "fk"
            yield Case(model, name, field.queryset.model, kind)
        elif hasattr(field, "block"):
            for target, path, html in _block_cases(field.block, ()):
                yield Case(model, name, target, "entity" if html else "block", path, html)
        else:
            model_field = _model_field(model, name)
            if model_field is not None and type(model_field).__name__ == "RichTextField":
                for target, html in _entities(model_field.features):
                    yield Case(model, name, target, "entity", entity=html)
    for name, formset in getattr(form, "formsets", {}).items():
        for child_name, field in formset.empty_form.fields.items():
            if isinstance(field, forms.ModelChoiceField) and child_name not in ("id", "DELETE"):
                if field.queryset.model is formset.model or child_name == formset.fk.name:
                    continue
                yield Case(model, name, field.queryset.model, "inline", child_field=child_name)


def _model_field(model: type, name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a form-only field
        return None


def all_cases(user: Any) -> list[Case]:
    return [case for model in editable_models() for case in cases_for(model, user)]


# --- Objects in and out of scope -------------------------------------------------------------


def foreign_object(world: World, target: type) -> Any:
    """An object of ``target`` that editor A may not reference (B's, or a draft not theirs)."""
    b = world.sides["B"]
    editor = world.users["editor_a"]
    if issubclass(target, Page):
        drafts = target.objects.filter(live=False).exclude(pk__in=workable_pages(editor))
        found = drafts.order_by("pk").first()
        if found is None:
            found = _new_draft(world, target)
        return found
    by_model = {
        get_image_model(): b.image,
        get_document_model(): b.document,
        ContactPerson: b.contact,
        Collection: b.collection,
    }
    assert target in by_model, f"no out-of-scope {target.__name__}: scope it in scoping.py"
    return target.objects.get(pk=by_model[target])


def own_object(world: World, target: type) -> Any:
    """An object of ``target`` that editor A may reference."""
    a = world.sides["A"]
    if issubclass(target, Page):
        if target is MunicipalityPage:
            return page(a.municipality)
        return target.objects.live().order_by("pk").first() or _new_draft(
            world, target, a, live=True
        )
    by_model = {
        get_image_model(): a.image,
        get_document_model(): a.document,
        ContactPerson: a.contact,
        Collection: a.collection,
    }
    return target.objects.get(pk=by_model[target])


def _new_draft(world: World, target: type, side: Any = None, live: bool = False) -> Page:
    """A page of ``target`` made with its factory, under B's municipality (or A's) if it can."""
    municipality = page((side or world.sides["B"]).municipality)
    allowed = tuple(target.allowed_parent_page_models())
    if isinstance(municipality, allowed):
        parent = municipality
    else:
        parent = next(
            p.specific for p in Page.objects.order_by("path") if isinstance(p.specific, allowed)
        )
    factory = getattr(factories, f"{target.__name__}Factory")
    return factory(parent=parent, live=live, slug=f"draft-{uuid.uuid4().hex[:8]}")


# --- Submitting a form ----------------------------------------------------------------------


def _empty_block_data(block: blocks.Block) -> Any:
    if isinstance(block, (blocks.StreamBlock, blocks.ListBlock)):
        return {"count": "0"}
    if isinstance(block, blocks.StructBlock):
        return {name: _empty_block_data(child) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.RichTextBlock):
        return rich_text("", features=block.features)
    # Valid values for the other fields, so that only the chosen object can make it invalid.
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return "x"
    if isinstance(block, blocks.ChoiceBlock):
        return next(str(value) for value, _label in block.field.choices if value)
    return ""


def _block_data(block: blocks.Block, path: tuple[str, ...], leaf: Any) -> Any:
    """Form data for ``block`` holding ``leaf`` at ``path`` and empty values elsewhere."""
    if not path:
        return leaf
    name, rest = path[0], path[1:]
    if isinstance(block, blocks.StreamBlock):
        child = block.child_blocks[name]
        value = _block_data(child, rest, leaf)
        item = {"type": name, "value": value, "deleted": "", "order": "0", "id": str(uuid.uuid4())}
        return {"count": "1", "0": item}
    if isinstance(block, blocks.ListBlock):
        value = _block_data(block.child_block, rest, leaf)
        item = {"value": value, "deleted": "", "order": "0", "id": str(uuid.uuid4())}
        return {"count": "1", "0": item}
    data = _empty_block_data(block)
    data[name] = _block_data(block.child_blocks[name], rest, leaf)
    return data


def _leaf_block(block: blocks.Block, path: tuple[str, ...]) -> blocks.Block:
    for name in path:
        block = (
            block.child_block if isinstance(block, blocks.ListBlock) else block.child_blocks[name]
        )
    return block


def build_form(case: Case, obj: Any, user: Any, instance: Any) -> forms.BaseForm:
    form_class = form_class_for(case.model)
    probe = form_class(instance=instance, **user_kwargs(case.model, user))
    data: dict[str, Any] = {}
    for name, field in probe.fields.items():
        if hasattr(field, "block"):
            data[name] = _empty_block_data(field.block)
        elif "RichText" in type(field.widget).__name__:
            data[name] = rich_text("")
    for name in getattr(probe, "formsets", {}):
        data[name] = {
            "TOTAL_FORMS": "0",
            "INITIAL_FORMS": "0",
            "MIN_NUM_FORMS": "0",
            "MAX_NUM_FORMS": "1000",
        }
    field = probe.fields.get(case.field)
    if case.kind == "fk":
        data[case.field] = str(obj.pk)
    elif case.kind == "m2m":
        data[case.field] = [str(obj.pk)]
    elif case.kind == "inline":
        data[case.field] = {
            "TOTAL_FORMS": "1",
            "INITIAL_FORMS": "0",
            "MIN_NUM_FORMS": "0",
            "MAX_NUM_FORMS": "1000",
            "0": {case.child_field: str(obj.pk), "ORDER": "1", "DELETE": ""},
        }
    elif case.kind == "block":
        data[case.field] = _block_data(field.block, case.block_path, str(obj.pk))
    else:
        html = case.entity.format(id=obj.pk)
        if case.block_path:
            leaf = _leaf_block(field.block, case.block_path)
            value = rich_text(html, features=leaf.features)
            data[case.field] = _block_data(field.block, case.block_path, value)
        else:
            features = getattr(_model_field(case.model, case.field), "features", None)
            data[case.field] = rich_text(html, features=features)
    post = nested_form_data(data)
    if case.kind == "m2m":
        post[case.field] = [str(obj.pk)]  # nested_form_data leaves lists out
    kwargs: dict[str, Any] = {"instance": instance, **user_kwargs(case.model, user)}
    if issubclass(case.model, Page):
        kwargs["parent_page"] = instance.get_parent()
    form = form_class(post, files={}, **kwargs)
    return form


def instance_for(world: World, model: type) -> Any:
    """An object of ``model`` to edit: A's own where there is one."""
    if model is PracticePage:
        return page(world.sides["A"].practice).get_latest_revision_as_object()
    if issubclass(model, Page):
        existing = model.objects.order_by("pk").first() or _new_draft(
            world, model, world.sides["A"]
        )
        return existing.specific.get_latest_revision_as_object()
    if model in settings_registry:
        return model.load()
    if model is ContactPerson:
        return ContactPerson.objects.get(pk=world.sides["A"].contact)
    if model in (get_image_model(), get_document_model()):
        target = world.sides["A"].image if model is get_image_model() else world.sides["A"].document
        return model.objects.get(pk=target)
    return model()


# Django refuses an id its field does not offer; core.references one out of scope.
REFUSALS = {"invalid_choice", "out_of_scope"}


def refusals(form: forms.BaseForm, case: Case) -> list[str]:
    """The codes of the errors that refuse the chosen object, on the case's field."""
    form.is_valid()
    field = form.fields.get(case.field)
    if case.kind != "inline" and (field is None or field.disabled):
        return ["not_offered"]  # the user's form has no such field: nothing is taken from it
    if case.kind == "inline":
        errors = [
            error
            for child in form.formsets[case.field].forms
            for error in child.errors.as_data().get(case.child_field, [])
        ]
    else:
        errors = form.errors.as_data().get(case.field, [])
    return [error.code for error in errors if error.code in REFUSALS]


@pytest.mark.django_db
def test_every_chosen_id_is_scoped(world: World):
    editor = world.users["editor_a"]
    cases = all_cases(world.users["pm"])
    kinds = {case.kind for case in cases}
    assert {"fk", "m2m", "block", "entity", "inline"} <= kinds, kinds
    # The practice's contact persons are chosen in an inline formset (PracticeContact).
    assert "PracticePage.contact_links.contact -> ContactPerson (inline)" in map(str, cases)
    failures = []
    public = 0
    for case in cases:
        if is_public_model(case.target):
            public += 1
            continue
        instance = instance_for(world, case.model)
        refused = refusals(
            build_form(case, foreign_object(world, case.target), editor, instance), case
        )
        if not refused:
            failures.append(f"accepted another's object: {case}")
        accepted = refusals(
            build_form(case, own_object(world, case.target), editor, instance), case
        )
        if set(accepted) - {"not_offered"}:
            failures.append(f"refused an own object: {case}: {accepted}")
    summary = f"{len(cases)} reference fields in {len(editable_models())} models, {public} shared"
    print(summary)  # noqa: T201
    assert failures == [], "\n".join(failures)


# --- Through the admin's own views ----------------------------------------------------------


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
