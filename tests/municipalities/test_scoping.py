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

The fields, the objects and the forms: tests/municipalities/reference_fields.py. Through the
admin's own views: test_scoping_admin_views.py.
"""

from __future__ import annotations

import pytest

from core.references import ReferenceScopedFormMixin
from municipalities.scoping import is_public_model
from tests.municipalities.reference_fields import (
    all_cases,
    build_form,
    editable_models,
    foreign_object,
    form_class_for,
    instance_for,
    own_object,
    refusals,
)
from tests.municipalities.roles_world import World


def test_every_admin_form_checks_references():
    models = editable_models()
    assert len(models) >= 12
    unscoped = [
        model.__name__
        for model in models
        if not issubclass(form_class_for(model), ReferenceScopedFormMixin)
    ]
    assert unscoped == []


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
