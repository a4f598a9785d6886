"""The demo practices, read from one JSON file per case in data/practices/.

Each file holds what both languages share ("shared") and the texts of each language ("sv",
"en"). The texts state only what the case's source article says (see its "sources"); a field
the source is silent on is empty, and the page shows "Not reported". Invented items that the
demo needs to show a feature (the contact people, the example adaptation) are named in each
page's example notice.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from practices.models import PracticePage

from .base import DemoContext, Pair, ensure_page, ensure_translation, resolve_images

DATA_DIR = Path(__file__).resolve().parent / "data" / "practices"

# Every field of the record a data file may fill in. A field it leaves out is emptied, so that a
# text removed from the data is removed from an existing database too.
TEXT_FIELDS = (
    "challenge",
    "what_was_done",
    "results",
    "lessons_learned",
    "what_did_not_work",
    "transferability",
    "resources_needed",
    "scale_notes",
    "adaptation_notes",
    "example_notice",
)
# Streams written in the data files as plain lists of values, each of the stream's one block type.
LIST_STREAMS = {
    "key_figures": "key_figure",
    "funding": "funding",
    "partners": "partner",
    "sources": "source",
}


def load_specs(data_dir: Path = DATA_DIR) -> dict[str, dict[str, Any]]:
    """The practice files by key, in file-name order (an adaptation after its original)."""
    specs: dict[str, dict[str, Any]] = {}
    for path in sorted(data_dir.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        original = spec.get("adapted_from")
        if original and original not in specs:
            raise ValueError(f"{path.name}: adapted from {original!r}, which must come first")
        specs[spec["key"]] = spec
    return specs


def _optional_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def language_fields(spec: dict[str, Any], language: str, images: dict) -> dict[str, Any]:
    """One language's fields as the page takes them (streams in raw form)."""
    texts = spec[language]
    fields: dict[str, Any] = {
        "title": texts["title"],
        "summary": texts["summary"],
        "tags": texts.get("tags", []),
        "body": resolve_images(texts.get("body", []), images),
    }
    for name in TEXT_FIELDS:
        fields[name] = texts.get(name, "")
    for name, block_type in LIST_STREAMS.items():
        fields[name] = [{"type": block_type, "value": value} for value in texts.get(name, [])]
    return fields


def shared_fields(
    spec: dict[str, Any], terms: dict[str, Pair], images: dict, contacts: dict
) -> dict[str, Any]:
    shared = spec["shared"]
    return {
        "hero_image": images[shared["image"]],
        "status": shared["status"],
        "start_date": _optional_date(shared.get("start_date")),
        "end_date": _optional_date(shared.get("end_date")),
        "evidence_level": shared["evidence_level"],
        "last_verified": date.fromisoformat(shared["last_verified"]),
        "target_groups": [terms[slug].sv for slug in shared["target_groups"]],
        "approaches": [terms[slug].sv for slug in shared["approaches"]],
        "participating_municipalities": [],
        "contact_links": [{"contact": contacts[spec["municipality"]]}],
    }


def ensure_practices(
    ctx: DemoContext,
    municipalities: dict[str, Pair],
    terms: dict[str, Pair],
    images: dict,
    contacts: dict,
) -> dict[str, Pair]:
    """Every practice of the data files, created or brought up to date, in both languages."""
    practices: dict[str, Pair] = {}
    for key, spec in load_specs().items():
        municipality = municipalities[spec["municipality"]]
        former = spec.get("former_slugs", {})
        original = spec.get("adapted_from")
        shared = {
            **shared_fields(spec, terms, images, contacts),
            "adapted_from": practices[original].sv if original else None,
        }
        sv_page = ensure_page(
            ctx,
            municipality.sv,
            PracticePage,
            spec["sv"]["slug"],
            {**shared, **language_fields(spec, "sv", images)},
            update=True,
            former_slugs=tuple(former.get("sv", ())),
        )
        # The copy keeps the shared fields; its save() maps taxonomy and lineage to English.
        en_page = ensure_translation(
            ctx,
            sv_page,
            ctx.en,
            {**shared, **language_fields(spec, "en", images), "slug": spec["en"]["slug"]},
            update=True,
        )
        practices[key] = Pair(sv_page, en_page)
    return practices
