"""Building blocks shared by the demo modules: get-or-create for pages and their translations.

Every helper looks the object up first and only creates what is missing. Existing objects are
left exactly as they are, so that a second run is fast and never overwrites what someone has
edited in the admin since the first run.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple, TextIO, TypeVar

from django.core.management.base import CommandError
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page

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

    def count(self, kind: str, created: bool) -> None:
        if created:
            self.created[kind] += 1

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message if message.endswith("\n") else message + "\n")


def apply_fields(page: Page, fields: dict[str, Any]) -> None:
    """Set plain fields, streams, many-to-many relations, child rows and tags on a page."""
    for name, value in fields.items():
        if name == "tags":
            # TaggableManager has no setter; the cluster-aware set() is committed on save.
            page.tags.set(list(value))
        else:
            setattr(page, name, value)


def ensure_page(
    ctx: DemoContext,
    parent: Page,
    model: type[P],
    slug: str,
    fields: dict[str, Any],
    *,
    singleton: bool = False,
) -> P:
    """The live child of `parent` with this slug, created and published if it is missing.

    `singleton` finds a page type that may exist only once under its parent (the index pages)
    even if someone has changed its slug.
    """
    existing = None
    if singleton:
        existing = model.objects.child_of(parent).first()
    if existing is None:
        existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        specific = existing.specific
        if not isinstance(specific, model):
            raise CommandError(
                f"'{existing.url_path}' is a {type(specific).__name__}, expected "
                f"{model.__name__}. Move or rename that page and run load_demo again."
            )
        return specific

    page = model(slug=slug, locale=parent.locale)
    apply_fields(page, fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    ctx.count("pages", True)
    return page


def ensure_translation(ctx: DemoContext, source: P, locale: Locale, fields: dict[str, Any]) -> P:
    """The translation of `source` into `locale`, created from a copy if it is missing.

    The parent's translation must exist already (pages are built top-down). An alias left by
    wagtail-localize's tree synchronisation is turned into a real translation and filled in.
    """
    existing = source.get_translation_or_none(locale)
    if existing is not None and existing.alias_of_id is None:
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
) -> Pair:
    """A Swedish page under parents.sv and its English translation under parents.en.

    `sv` and `en` must each hold a "slug"; `shared` holds fields that are the same in both
    languages and is only used when creating the Swedish page (the translation copies it).
    """
    sv_fields = {**(shared or {}), **sv}
    slug = sv_fields.pop("slug")
    sv_page = ensure_page(ctx, parents.sv, model, slug, sv_fields, singleton=singleton)
    en_page = ensure_translation(ctx, sv_page, ctx.en, en)
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
