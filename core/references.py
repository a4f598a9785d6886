"""Every id an admin form accepts goes through one question: may this user reference it?

A form base (``ReferenceScopedFormMixin``, used by every page, snippet, setting, image and
document form) collects what each submitted field points at, whatever the field is: a foreign
key or many-to-many (chooser or select), a StreamField (every chooser block and rich text
block in its tree, through Wagtail's ``extract_references``) or a rich text field (page links,
document links, image embeds). Ids the user may not use, and that the object did not already
hold, become a form error: nothing is saved, previewed or published with them. When the form
is shown again, those references are left out of the choosers and the rich text, so their
titles and file names are not shown either.

Who may reference what is decided by one policy, registered by the app that knows the roles
(``municipalities.scoping``): this base app only asks it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Page
from wagtail.rich_text import RichText, features
from wagtail.rich_text.rewriters import extract_attrs

# (model, primary keys as strings) -> the keys the user may reference.
ReferencePolicy = Callable[[Any, type[models.Model], set[str]], set[str]]
_policy: list[ReferencePolicy] = []

REFERENCE_ERROR = _(
    "You may not use %(what)s %(ids)s here. Choose a published page, or a page, image, "
    "document or contact person of your own municipality."
)


def register_reference_policy(policy: ReferencePolicy) -> None:
    """Set the one function that answers "may this user reference these objects"."""
    _policy[:] = [policy]


def allowed_references(user: Any, model: type[models.Model], pks: set[str]) -> set[str]:
    """The keys among ``pks`` of ``model`` that ``user`` may reference (none without a policy)."""
    if not pks:
        return set()
    if not _policy:
        return set(pks) if getattr(user, "is_superuser", False) else set()
    return _policy[0](user, reference_model(model), pks)


def reference_model(model: type[models.Model]) -> type[models.Model]:
    """Pages are judged as pages, whatever their type."""
    return Page if issubclass(model, Page) else model


def _key(model: type[models.Model], pk: Any) -> tuple[type[models.Model], str]:
    return reference_model(model), str(pk)


# --- What a value points at -----------------------------------------------------------------


def references_in(form_field: forms.Field, model_field: Any, value: Any) -> Iterator[tuple]:
    """(model, pk) for every object a cleaned form value, or a model value, refers to."""
    if value in (None, "", [], ()):
        return
    if isinstance(form_field, forms.ModelMultipleChoiceField) or isinstance(
        model_field, models.ManyToManyField
    ):
        model = form_field.queryset.model
        for item in value.all() if hasattr(value, "all") else value:
            yield _key(model, getattr(item, "pk", item))
    elif isinstance(form_field, forms.ModelChoiceField):
        yield _key(form_field.queryset.model, getattr(value, "pk", value))
    elif model_field is not None and hasattr(model_field, "extract_references"):
        for model, pk, _model_path, _content_path in model_field.extract_references(value):
            yield _key(model, pk)


# --- Leaving references out of a value that is shown again --------------------------------

_TAG = re.compile(r"<(a|embed)\b([^>]*)>", re.IGNORECASE)


def _entity_references(tag: str, attrs: dict[str, str]) -> list[tuple]:
    if tag == "a":
        handler = features.get_link_types().get(attrs.get("linktype", ""))
    else:
        handler = features.get_embed_types().get(attrs.get("embedtype", ""))
    if handler is None:
        return []
    return [_key(model, pk) for model, pk, *_rest in handler.extract_references(attrs)]


def scrub_rich_text(html: str, bad: set[tuple]) -> str:
    """The rich text without links to, or embeds of, the ``bad`` objects (their text stays)."""
    out, position = [], 0
    for match in _TAG.finditer(html):
        tag = match.group(1).lower()
        if not set(_entity_references(tag, extract_attrs(match.group(2)))) & bad:
            continue
        out.append(html[position : match.start()])
        position = match.end()
        if tag == "a":
            closing = html.lower().find("</a>", position)
            if closing != -1:
                out.append(html[position:closing])
                position = closing + len("</a>")
    out.append(html[position:])
    return "".join(out)


def scrub_block_value(block: blocks.Block, value: Any, bad: set[tuple]) -> Any:
    """A block value with the ``bad`` objects removed, at any depth."""
    if isinstance(value, models.Model):
        return None if _key(type(value), value.pk) in bad else value
    if isinstance(block, blocks.StreamBlock) and value is not None:
        for child in value:
            child.value = scrub_block_value(child.block, child.value, bad)
    elif isinstance(block, blocks.ListBlock) and value is not None:
        for child in value.bound_blocks:
            child.value = scrub_block_value(child.block, child.value, bad)
    elif isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        for name, child_block in block.child_blocks.items():
            value[name] = scrub_block_value(child_block, value.get(name), bad)
    elif isinstance(value, RichText):
        return RichText(scrub_rich_text(value.source, bad))
    return value


# --- The form base --------------------------------------------------------------------------


class ReferenceScopedFormMixin:
    """Refuse ids the user may not reference, in this form and its inline forms."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        in_scope = check_references(self)
        for formset in getattr(self, "formsets", {}).values():
            for form in formset.forms:
                if not getattr(form, "cleaned_data", None):
                    continue
                form.for_user = getattr(self, "for_user", None)
                if not check_references(form):
                    _scrub_child_data(form)
                    in_scope = False
        return valid and in_scope

    def _widget_data_value(self, widget: forms.Widget, html_name: str) -> Any:
        value = super()._widget_data_value(widget, html_name)
        scrub = getattr(self, "_reference_scrubs", {}).get(html_name)
        return scrub(value) if scrub else value


def _scrub_child_data(form: forms.BaseForm) -> None:
    """Leave the refused objects out of an inline form shown again.

    Inline forms are Wagtail's own form class, without the scrubbing ``_widget_data_value``
    above: their submitted data is replaced instead, so the chooser shows no refused title.
    """
    scrubs = form.__dict__.get("_reference_scrubs", {})
    if not scrubs or not hasattr(form.data, "copy"):
        return
    data = form.data.copy()
    for name, form_field in form.fields.items():
        key = form.add_prefix(name)
        if key not in scrubs:
            continue
        if isinstance(form_field, forms.ModelMultipleChoiceField) and hasattr(data, "setlist"):
            data.setlist(key, [str(pk) for pk in scrubs[key](data.getlist(key))])
        else:
            value = scrubs[key](data.get(key))
            data[key] = "" if value is None else value
    form.data = data


def check_references(form: forms.BaseForm) -> bool:
    """Add an error to each field of ``form`` that refers to something out of the user's scope."""
    # Wagtail's image and document forms keep the user as ``user``.
    user = getattr(form, "for_user", None) or getattr(form, "user", None)
    instance = getattr(form, "instance", None)
    if instance is None or getattr(user, "is_superuser", False):
        return True
    if not hasattr(form, "cleaned_data"):
        return True  # an unbound form: nothing submitted, nothing to refuse
    wanted: dict[str, set[tuple]] = {}
    for name, form_field in form.fields.items():
        if name not in form.cleaned_data or _is_own_row_id(form, form_field):
            continue
        model_field = _model_field(instance, name)
        refs = set(references_in(form_field, model_field, form.cleaned_data[name]))
        if refs:
            # What the object held when the form was built (``initial``: the instance itself
            # has taken the submitted values by now) stays allowed.
            refs -= set(references_in(form_field, model_field, form.initial.get(name)))
        if refs:
            wanted[name] = refs
    bad = _out_of_scope(user, set().union(*wanted.values()) if wanted else set())
    if not bad:
        return True
    scrubs = form.__dict__.setdefault("_reference_scrubs", {})
    for name, refs in wanted.items():
        refused = refs & bad
        if not refused:
            continue
        form.add_error(name, _reference_error(refused))
        scrubs[form.add_prefix(name)] = _scrubber(form.fields[name], refused)
    return False


def _is_own_row_id(form: forms.BaseForm, form_field: forms.Field) -> bool:
    """An inline form's hidden id of its own row: the formset looks it up among the page's rows."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    return (
        isinstance(form_field, forms.ModelChoiceField)
        and model is not None
        and form_field.queryset.model is model
        and form_field.widget.is_hidden
    )


def _model_field(instance: models.Model, name: str) -> Any:
    try:
        return instance._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _out_of_scope(user: Any, refs: set[tuple]) -> set[tuple]:
    by_model: dict[type[models.Model], set[str]] = defaultdict(set)
    for model, pk in refs:
        by_model[model].add(pk)
    bad = set()
    for model, pks in by_model.items():
        allowed = allowed_references(user, model, pks)
        bad |= {(model, pk) for pk in pks - allowed}
    return bad


def _reference_error(refused: Iterable[tuple]) -> ValidationError:
    refused = sorted(refused, key=lambda ref: (ref[0]._meta.label, ref[1]))
    what = refused[0][0]._meta.verbose_name
    ids = ", ".join(pk for _model, pk in refused)
    return ValidationError(REFERENCE_ERROR, code="out_of_scope", params={"what": what, "ids": ids})


def _scrubber(form_field: forms.Field, bad: set[tuple]) -> Callable[[Any], Any]:
    bad_pks = {pk for _model, pk in bad}

    def scrub(value: Any) -> Any:
        if isinstance(form_field, forms.ModelMultipleChoiceField):
            return [pk for pk in value or [] if str(pk) not in bad_pks]
        if isinstance(form_field, forms.ModelChoiceField):
            return None if str(value) in bad_pks else value
        block = getattr(form_field, "block", None)
        if block is not None:
            return scrub_block_value(block, value, bad)
        return scrub_rich_text(value, bad) if isinstance(value, str) else value

    return scrub


class ScopedModelForm(ReferenceScopedFormMixin, WagtailAdminModelForm):
    """Base form for snippets and settings."""


class ScopedPageForm(ReferenceScopedFormMixin, WagtailAdminPageForm):
    """Base form for every page type."""
