"""Building blocks shared by the demo modules: get-or-create for pages and their translations.

Every helper looks the object up first and only creates what is missing. Pages built from the
demo data files are also brought up to date with them (`update=True`): a field that differs is
rewritten and published as a new revision, unless a person has saved the page in the admin since
the loader last did (then it is left alone and reported, or overwritten with `update_edited`).
A second run finds nothing to change, so it is fast and writes nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple, TextIO, TypeVar

from django.core.exceptions import FieldDoesNotExist
from django.core.management.base import CommandError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, TranslatableMixin

from .canonical import canonical_rich_text, canonical_stream, comparable

P = TypeVar("P", bound=Page)


class Pair(NamedTuple):
    """The Swedish original and its English translation."""

    sv: Any
    en: Any


@dataclass
class DemoContext:
    sv: Locale
    en: Locale
    stdout: TextIO | None = None
    created: Counter[str] = field(default_factory=Counter)
    # Overwrite demo pages with the data files even where someone has edited them in the admin.
    update_edited: bool = False

    def count(self, kind: str, created: bool) -> None:
        if created:
            self.created[kind] += 1

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message if message.endswith("\n") else message + "\n")


def canonical_fields(model: type[Page], fields: dict[str, Any]) -> dict[str, Any]:
    """Rich text and streams in the form the page editor saves them (see canonical.py)."""
    result = dict(fields)
    for name, value in fields.items():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(model_field, StreamField) and isinstance(value, list):
            result[name] = canonical_stream(model_field.stream_block, value)
        elif isinstance(model_field, RichTextField) and isinstance(value, str):
            result[name] = canonical_rich_text(
                value, model_field.features, model_field.editor or "default"
            )
    return result


def _child_relation(model: type[Page], name: str) -> models.ManyToOneRel | None:
    """The child relation (an InlinePanel's rows) called ``name``, if it is one."""
    try:
        relation = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if isinstance(relation, models.ManyToOneRel) and isinstance(relation.field, ParentalKey):
        return relation
    return None


def _all_dicts(rows: Any) -> bool:
    return isinstance(rows, list) and all(isinstance(row, dict) for row in rows)


def _child_row_values(relation: models.ManyToOneRel, rows: Any) -> list[tuple]:
    """The rows' own values in order (not their id, page or position), to compare."""
    names = [
        f.attname
        for f in relation.related_model._meta.concrete_fields
        if not f.primary_key and f is not relation.field and f.name != "sort_order"
    ]
    return [tuple(getattr(row, attname) for attname in names) for row in rows]


def apply_fields(page: Page, fields: dict[str, Any]) -> None:
    """Set plain fields, streams, many-to-many relations, child rows and tags on a page.

    Child rows are given as a list of dicts of their fields (``[{"contact": person}]``): each
    page gets rows of its own.
    """
    for name, value in canonical_fields(type(page), fields).items():
        relation = _child_relation(type(page), name)
        if name == "tags":
            # TaggableManager has no setter; the cluster-aware set() is committed on save.
            page.tags.set(list(value))
        elif relation is not None and _all_dicts(value):
            setattr(page, name, [relation.related_model(**row) for row in value])
        else:
            setattr(page, name, value)


def _identity(obj: Any) -> Any:
    # A translation points at the terms and pages of its own language: compare across languages.
    return obj.translation_key if isinstance(obj, TranslatableMixin) else obj.pk


def _differs(page: Page, name: str, value: Any) -> bool:
    if name == "tags":
        return set(page.tags.names()) != set(value)
    try:
        model_field = page._meta.get_field(name)
    except FieldDoesNotExist:
        return getattr(page, name) != value
    current = getattr(page, name)
    relation = _child_relation(type(page), name)
    if relation is not None and _all_dicts(value):
        wanted = [relation.related_model(**row) for row in value]
        return _child_row_values(relation, current.all()) != _child_row_values(relation, wanted)
    if isinstance(model_field, StreamField):
        return comparable(model_field.stream_block.get_prep_value(current)) != comparable(value)
    if isinstance(model_field, models.ManyToManyField):
        return {_identity(obj) for obj in current.all()} != {_identity(obj) for obj in value}
    if isinstance(model_field, models.ForeignKey):
        if current is None or value is None:
            return current is not value
        return _identity(current) != _identity(value)
    return comparable(current) != comparable(value)


def update_page(ctx: DemoContext, page: Page, fields: dict[str, Any]) -> bool:
    """Bring a demo page up to date with `fields`; True if a new revision was published."""
    changed = [
        name
        for name, value in canonical_fields(type(page), fields).items()
        if _differs(page, name, value)
    ]
    if not changed:
        return False
    latest = page.get_latest_revision()
    if latest is not None and latest.user_id is not None and not ctx.update_edited:
        ctx.log(
            f"Left alone: {page.url_path} was saved in the admin since the demo was loaded "
            f"({', '.join(changed)} differ from the demo data; load_demo --update-edited "
            "overwrites them)."
        )
        return False
    apply_fields(page, {name: fields[name] for name in changed})
    # As in ensure_translation: save() maps relations to the page's language before the
    # revision is taken, so that the revision holds what the page shows.
    page.save()
    page.save_revision().publish()
    ctx.count("updated", True)
    return True


def ensure_page(
    ctx: DemoContext,
    parent: Page,
    model: type[P],
    slug: str,
    fields: dict[str, Any],
    *,
    singleton: bool = False,
    update: bool = False,
    former_slugs: tuple[str, ...] = (),
) -> P:
    """The live child of `parent` with this slug, created and published if it is missing.

    `singleton` finds a page type that may exist only once under its parent (the index pages)
    even if someone has changed its slug. `update` brings an existing page up to date with
    `fields` (see update_page); `former_slugs` finds one built by an older version of the demo.
    """
    existing = None
    if singleton:
        existing = model.objects.child_of(parent).first()
    if existing is None:
        existing = parent.get_children().filter(slug=slug).first()
    if existing is None and former_slugs:
        existing = parent.get_children().filter(slug__in=former_slugs).first()
    if existing is not None:
        specific = existing.specific
        if not isinstance(specific, model):
            raise CommandError(
                f"'{existing.url_path}' is a {type(specific).__name__}, expected "
                f"{model.__name__}. Move or rename that page and run load_demo again."
            )
        if update:
            update_page(ctx, specific, {**fields, "slug": slug})
        return specific

    page = model(slug=slug, locale=parent.locale)
    apply_fields(page, fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    ctx.count("pages", True)
    return page


def ensure_translation(
    ctx: DemoContext,
    source: P,
    locale: Locale,
    fields: dict[str, Any],
    *,
    update: bool = False,
) -> P:
    """The translation of `source` into `locale`, created from a copy if it is missing.

    The parent's translation must exist already (pages are built top-down). An alias left by
    wagtail-localize's tree synchronisation is turned into a real translation and filled in.
    `update` brings an existing translation up to date with `fields` (see update_page).
    """
    existing = source.get_translation_or_none(locale)
    if existing is not None and existing.alias_of_id is None:
        if update:
            update_page(ctx, existing.specific, fields)
        return existing.specific

    if existing is not None:
        ConvertAliasPageAction(existing.specific).execute(skip_permission_checks=True)
        page = Page.objects.get(pk=existing.pk).specific
    else:
        page = source.copy_for_translation(locale, copy_parents=False)
    apply_fields(page, fields)
    # save() points target groups, approaches and municipalities at their English versions;
    # doing it before save_revision() keeps the revision (what the editor sees) consistent.
    page.save()
    page.save_revision().publish()
    ctx.count("pages", True)
    return page


def ensure_pair(
    ctx: DemoContext,
    parents: Pair,
    model: type[P],
    sv: dict[str, Any],
    en: dict[str, Any],
    shared: dict[str, Any] | None = None,
    *,
    singleton: bool = False,
    update: bool = False,
) -> Pair:
    """A Swedish page under parents.sv and its English translation under parents.en.

    `sv` and `en` must each hold a "slug"; `shared` holds fields that are the same in both
    languages and is only used when creating the Swedish page (the translation copies it).
    """
    sv_fields = {**(shared or {}), **sv}
    slug = sv_fields.pop("slug")
    sv_page = ensure_page(
        ctx, parents.sv, model, slug, sv_fields, singleton=singleton, update=update
    )
    en_page = ensure_translation(ctx, sv_page, ctx.en, en, update=update)
    return Pair(sv_page, en_page)


# Stream and rich-text helpers, so that the content modules read like content.


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def quote(text: str, role: str = "", name: str = "") -> dict:
    return {"type": "quote", "value": {"quote": text, "name": name, "role": role}}


def fact_box(title: str, html: str) -> dict:
    return {"type": "fact_box", "value": {"title": title, "text": html}}


def image(key: str, alt_text: str) -> dict:
    """An image block; `key` names a demo image and is replaced by its id when building."""
    return {"type": "image", "value": {"image": key, "decorative": False, "alt_text": alt_text}}


def key_figure(value: str, label: str) -> dict:
    return {"type": "key_figure", "value": {"value": value, "label": label}}


def funding(source: str, description: str) -> dict:
    return {"type": "funding", "value": {"source": source, "description": description}}


def partner(name: str, kind: str, role: str) -> dict:
    return {"type": "partner", "value": {"name": name, "kind": kind, "role": role}}


def resolve_images(stream: list[dict], images: dict[str, Any]) -> list[dict]:
    """Replace image keys in a raw stream with the ids of the generated images."""
    resolved = []
    for block in stream:
        if block["type"] == "image":
            value = {**block["value"], "image": images[block["value"]["image"]].pk}
            block = {**block, "value": value}
        resolved.append(block)
    return resolved


SWEDISH_MONTHS = (
    "januari februari mars april maj juni juli augusti september oktober november december"
).split()


def long_date(day: date, language: str) -> str:
    """'23 november 2026' or '23 November 2026', independent of the active locale."""
    if language == "sv":
        return f"{day.day} {SWEDISH_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {day.strftime('%B')} {day.year}"
