"""Open data: the practice catalogue as CSV and JSON, one row per practice, under CC BY 4.0.

One file per language (the URL prefix chooses it). The practice index's filters apply here
too, so "download these results" is the same URL with a different path. Identifiers that are
the same in every language (taxonomy slugs, municipality and county codes, translation_key)
let the Swedish and English files be joined.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from html import unescape
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Locale
from wagtail.rich_text import expand_db_html

from core.locales import active_locale
from core.templatetags.platform_tags import make_absolute

from .filters import PracticeFilterForm
from .models import PracticePage

LICENCE = {
    "name": "CC BY 4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
ATTRIBUTION = "Lärplattformen"
# Several values in one CSV cell (target groups, approaches...) are separated by this.
LIST_SEPARATOR = "|"

CSV_COLUMNS = [
    "id",
    "translation_key",
    "language",
    "title",
    "url",
    "summary",
    "municipality_code",
    "municipality_name",
    "county_code",
    "county_name",
    "participating_municipality_codes",
    "participating_municipality_names",
    "target_group_slugs",
    "target_group_names",
    "approach_slugs",
    "approach_names",
    "tags",
    "status",
    "status_label",
    "evidence_level",
    "evidence_level_label",
    "start_date",
    "end_date",
    "last_verified",
    "first_published_at",
    "last_published_at",
    "adapted_from_translation_key",
    # The narrative of the record (researchers asked for it), as plain text.
    "challenge",
    "what_was_done",
    "results",
    "key_figures",
    "lessons_learned",
    "what_did_not_work",
    "transferability",
    "resources_needed",
    "scale_notes",
    "example_notice",
    # One value per source, in the same order in each column.
    "source_titles",
    "source_publishers",
    "source_dates",
    "source_urls",
    "source_supports",
]

# Rich-text fields of the record: HTML in the JSON file, plain text (a line per paragraph) in
# the CSV file.
NARRATIVE_FIELDS = (
    "challenge",
    "what_was_done",
    "results",
    "lessons_learned",
    "what_did_not_work",
    "transferability",
    "resources_needed",
    "scale_notes",
)
SOURCE_COLUMNS = {
    "source_titles": "title",
    "source_publishers": "publisher",
    "source_dates": "date",
    "source_urls": "url",
    "source_supports": "supports",
}
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)
# Spreadsheets run a cell that starts with one of these as a formula (CSV injection; the
# characters OWASP lists): a title such as '=HYPERLINK("http://evil")' must stay text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A value as a CSV cell that spreadsheets show as written, never run as a formula.

    Text starting with a FORMULA_PREFIXES character gets a leading quote, which spreadsheets
    hide and which keeps the cell text; None is an empty cell; numbers are left as they are.
    Every CSV file the site serves writes its cells through this.
    """
    if value is None:
        return ""
    if isinstance(value, Promise):  # a lazy translation: the text it stands for
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def catalogue(request: HttpRequest) -> tuple[Locale, PracticeFilterForm, Any]:
    """The live, public practices of the active language, filtered like the practice index.

    A fixed number of queries whatever the size of the catalogue.
    """
    locale = active_locale()
    form = PracticeFilterForm(request.GET or None, locale=locale)
    practices = (
        form.filter(PracticePage.objects.live().public().filter(locale=locale))
        .select_related("locale", "municipality", "adapted_from")
        .prefetch_related(
            "target_groups", "approaches", "participating_municipalities", "tagged_items__tag"
        )
        .order_by("title", "pk")
    )
    return locale, form, practices


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def plain_text(html: str) -> str:
    """Rich text as plain text: one line per paragraph or list item, no markup."""
    text = unescape(strip_tags(_BLOCK_END.sub("\n", html or "")))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def source_records(practice: PracticePage) -> list[dict[str, Any]]:
    return [
        {
            "title": block.value["title"],
            "publisher": block.value["publisher"] or None,
            "date": _date(block.value["date"]),
            "url": block.value["url"] or None,
            "supports": block.value["supports"] or None,
        }
        for block in practice.sources
    ]


def practice_record(practice: PracticePage, request: HttpRequest) -> dict[str, Any]:
    """One practice as nested data (the JSON shape); the CSV flattens it."""
    municipality = practice.municipality
    return {
        "id": practice.pk,
        "translation_key": str(practice.translation_key),
        "language": practice.locale.language_code,
        "title": practice.title,
        "url": practice.get_full_url(request),
        "summary": practice.summary,
        "municipality": (
            {
                "code": municipality.code,
                "name": municipality.title,
                "official_name": municipality.official_name,
                "county_code": municipality.county,
                "county_name": str(municipality.get_county_display()),
            }
            if municipality
            else None
        ),
        "participating_municipalities": [
            {"code": m.code, "name": m.title, "county_code": m.county}
            for m in practice.participating_municipalities.all()
        ],
        "target_groups": [{"slug": t.slug, "name": t.name} for t in practice.target_groups.all()],
        "approaches": [{"slug": a.slug, "name": a.name} for a in practice.approaches.all()],
        "tags": sorted(item.tag.name for item in practice.tagged_items.all()),
        "status": practice.status,
        "status_label": str(practice.get_status_display()),
        "evidence_level": practice.evidence_level,
        "evidence_level_label": str(practice.get_evidence_level_display()),
        "start_date": _date(practice.start_date),
        "end_date": _date(practice.end_date),
        "last_verified": _date(practice.last_verified),
        "first_published_at": _date(practice.first_published_at),
        "last_published_at": _date(practice.last_published_at),
        "adapted_from_translation_key": (
            str(practice.adapted_from.translation_key) if practice.adapted_from else None
        ),
        # HTML as in the API (the editor's whitelisted markup, internal links resolved).
        **{name: expand_db_html(getattr(practice, name)) for name in NARRATIVE_FIELDS},
        "key_figures": [
            {"value": block.value["value"], "label": block.value["label"]}
            for block in practice.key_figures
        ],
        "example_notice": practice.example_notice,
        "sources": source_records(practice),
    }


def _joined(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(values)


def csv_row(record: dict[str, Any]) -> dict[str, Any]:
    municipality = record["municipality"] or {}
    participants = record["participating_municipalities"]
    return {
        **{key: record[key] for key in CSV_COLUMNS if key in record},
        "municipality_code": municipality.get("code", ""),
        "municipality_name": municipality.get("name", ""),
        "county_code": municipality.get("county_code", ""),
        "county_name": municipality.get("county_name", ""),
        "participating_municipality_codes": _joined(m["code"] for m in participants),
        "participating_municipality_names": _joined(m["name"] for m in participants),
        "target_group_slugs": _joined(t["slug"] for t in record["target_groups"]),
        "target_group_names": _joined(t["name"] for t in record["target_groups"]),
        "approach_slugs": _joined(a["slug"] for a in record["approaches"]),
        "approach_names": _joined(a["name"] for a in record["approaches"]),
        "tags": _joined(record["tags"]),
        **{name: plain_text(record[name]) for name in NARRATIVE_FIELDS},
        "key_figures": _joined(f"{k['value']} {k['label']}" for k in record["key_figures"]),
        **{
            column: _joined(source[key] or "" for source in record["sources"])
            for column, key in SOURCE_COLUMNS.items()
        },
    }


def _filename(locale: Locale, extension: str) -> str:
    return f"larplattformen-practices-{locale.language_code}.{extension}"


def _licence_link_header(response: HttpResponse) -> HttpResponse:
    # RFC 8288: machines find the licence of a CSV file, which has nowhere else to state it.
    response["Link"] = f'<{LICENCE["url"]}>; rel="license"'
    return response


@require_safe
def practices_csv(request: HttpRequest) -> HttpResponse:
    locale, _form, practices = catalogue(request)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for practice in practices:
        row = csv_row(practice_record(practice, request))
        writer.writerow({k: csv_safe(v) for k, v in row.items()})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(locale, "csv")}"'
    return _licence_link_header(response)


@require_safe
def practices_json(request: HttpRequest) -> HttpResponse:
    locale, _form, practices = catalogue(request)
    records = [practice_record(practice, request) for practice in practices]
    document = {
        "title": _("Lärplattformen: good practices in the integration of newcomers"),
        "language": locale.language_code,
        "licence": LICENCE,
        "attribution": ATTRIBUTION,
        "source": make_absolute(request, reverse("open_data:index")),
        "generated_at": timezone.now().replace(microsecond=0).isoformat(),
        "count": len(records),
        "practices": records,
    }
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{_filename(locale, "json")}"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return _licence_link_header(response)


@require_safe
def open_data_page(request: HttpRequest) -> HttpResponse:
    """What the files contain, their licence, and the other ways to reuse the catalogue."""
    locale = active_locale()
    return render(
        request,
        "practices/open_data.html",
        {
            "licence": LICENCE,
            "columns": CSV_COLUMNS,
            "list_separator": LIST_SEPARATOR,
            "practice_count": PracticePage.objects.live().public().filter(locale=locale).count(),
        },
    )


app_name = "open_data"
urlpatterns = [
    path("open-data/", open_data_page, name="index"),
    path("open-data/practices.csv", practices_csv, name="practices_csv"),
    path("open-data/practices.json", practices_json, name="practices_json"),
]
