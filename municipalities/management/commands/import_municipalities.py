"""Import the official list of municipalities (code, name, county, optional population).

    manage.py import_municipalities FILE.csv [--dry-run]

Readers choose "my municipality" from this list (``municipalities.MunicipalityProfile``); it is not
the list of participating municipalities, which are pages. Columns are recognised by name:

    code:        municipality_code | code | kommunkod            (required, 4 digits)
    name:        municipality_name | name | kommun               (required)
    short name:  municipality_name_short | short_name            (optional)
    county:      county_code | county | lanskod                  (optional: from the code)
    population:  population | folkmangd | inhabitants            (optional)
    area:        area_km2 | area                                 (optional)
    group:       municipality_group | kommungrupp                (optional, SKR's A1…C9)

Comma, semicolon or tab separated, UTF-8 (with or without BOM). Rows are matched by code, so
running the import again updates rather than duplicates; a column missing from the file leaves
that field alone. If any row is invalid, nothing is imported and the errors are listed.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from municipalities.counties import COUNTY_CODES, MUNICIPALITY_GROUP_CHOICES
from municipalities.models import MunicipalityProfile

COLUMNS = {
    "code": ("municipality_code", "code", "kommunkod", "kod"),
    "name": ("municipality_name", "name", "kommun", "kommunnamn"),
    "short_name": ("municipality_name_short", "short_name", "kortnamn"),
    "county": ("county_code", "county", "lanskod", "länskod"),
    "population": ("population", "folkmangd", "folkmängd", "inhabitants"),
    "area_km2": ("area_km2", "area", "landareal"),
    "municipality_group": ("municipality_group", "kommungrupp", "group"),
}
GROUP_CODES = {code for code, _label in MUNICIPALITY_GROUP_CHOICES}
MAX_ERRORS_SHOWN = 20


def _short_name(name: str) -> str:
    # "Hylte kommun" → "Hylte"; "Stockholms stad" → "Stockholm"; "Region Gotland" stays.
    short = re.sub(r"\s+(kommun|stad)$", "", name.strip(), flags=re.IGNORECASE)
    if name.strip().lower().endswith(" stad") and short.endswith("s"):
        short = short[:-1]
    return short


def _integer(value: str) -> int:
    cleaned = re.sub(r"[\s\u00a0]", "", value)
    if not cleaned.isdigit():
        raise ValueError
    return int(cleaned)


def _decimal(value: str) -> Decimal:
    cleaned = re.sub(r"[\s\u00a0]", "", value).replace(",", ".")
    number = Decimal(cleaned)
    if number < 0 or not number.is_finite():
        raise InvalidOperation
    return number.quantize(Decimal("0.1"))


def _map_columns(header: list[str]) -> dict[str, int]:
    normalised = [h.strip().lower() for h in header]
    mapping = {}
    for field, names in COLUMNS.items():
        for name in names:
            if name in normalised:
                mapping[field] = normalised.index(name)
                break
    return mapping


def parse_rows(path: Path) -> tuple[list[dict[str, Any]], list[str], set[str]]:
    """Rows as dicts of model fields, errors as "line N: …", and the fields the file has."""
    text = path.read_text(encoding="utf-8-sig")
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(text.splitlines(), dialect)
    header = next(reader, None)
    if not header:
        return [], ["the file is empty"], set()
    mapping = _map_columns(header)
    missing = [f for f in ("code", "name") if f not in mapping]
    if missing:
        return [], [f"missing column(s): {', '.join(missing)} (found: {', '.join(header)})"], set()
    rows: list[dict[str, Any]] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue

        def cell(field: str, values: list[str] = values) -> str:
            index = mapping.get(field)
            return values[index].strip() if index is not None and index < len(values) else ""

        code = cell("code")
        if re.fullmatch(r"\d{3}", code):
            code = "0" + code  # spreadsheets drop the leading zero of Stockholm's codes
        row: dict[str, Any] = {"code": code, "name": cell("name")}
        problems = []
        if not re.fullmatch(r"\d{4}", code):
            problems.append(f"code {code!r} is not four digits")
        if not row["name"]:
            problems.append("the name is empty")
        row["short_name"] = cell("short_name") or _short_name(row["name"])
        county = cell("county") or code[:2]
        if re.fullmatch(r"\d", county):
            county = "0" + county
        if county not in COUNTY_CODES:
            problems.append(f"county {county!r} is not one of the 21 county codes")
        elif code[:2] != county:
            problems.append(f"code {code} does not start with its county code {county}")
        row["county"] = county
        if "population" in mapping:
            value = cell("population")
            try:
                row["population"] = _integer(value) if value else None
            except ValueError:
                problems.append(f"population {value!r} is not a whole number")
        if "area_km2" in mapping:
            value = cell("area_km2")
            try:
                row["area_km2"] = _decimal(value) if value else None
            except (InvalidOperation, ValueError):
                problems.append(f"area {value!r} is not a number")
        if "municipality_group" in mapping:
            value = cell("municipality_group").upper()
            if value and value not in GROUP_CODES:
                problems.append(f"municipality group {value!r} is not one of A1…C9")
            row["municipality_group"] = value
        if code in seen:
            problems.append(f"code {code} already on line {seen[code]}")
        seen[code] = line
        if problems:
            errors.append(f"line {line}: " + "; ".join(problems))
        else:
            rows.append(row)
    return rows, errors, set(mapping)


class Command(BaseCommand):
    help = "Import or update the list of all municipalities from a CSV file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV file with at least code and name columns")
        parser.add_argument("--dry-run", action="store_true", help="Check the file only.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            rows, errors, fields = parse_rows(path)
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not UTF-8 text: {error}") from error
        if errors:
            shown = "\n".join(errors[:MAX_ERRORS_SHOWN])
            more = len(errors) - MAX_ERRORS_SHOWN
            tail = f"\n… and {more} more" if more > 0 else ""
            raise CommandError(f"Nothing imported; fix these rows first:\n{shown}{tail}")
        created = updated = unchanged = 0
        with transaction.atomic():
            existing = {p.code: p for p in MunicipalityProfile.objects.all()}
            for row in rows:
                profile = existing.get(row["code"])
                if profile is None:
                    MunicipalityProfile.objects.create(**row)
                    created += 1
                    continue
                changed = [k for k, v in row.items() if getattr(profile, k) != v]
                if changed:
                    for key in changed:
                        setattr(profile, key, row[key])
                    profile.save()
                    updated += 1
                else:
                    unchanged += 1
            if options["dry_run"]:
                transaction.set_rollback(True)
        prefix = "Dry run: would have " if options["dry_run"] else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{created} created, {updated} updated, {unchanged} unchanged "
                f"({len(rows)} rows; columns: {', '.join(sorted(fields))})."
            )
        )
