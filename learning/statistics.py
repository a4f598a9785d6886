"""The numbers behind "In numbers": plain database counts, one aggregate query per dataset."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from municipalities.counties import COUNTY_CHOICES
from practices.models import Approach, PracticePage, PracticeStatus, TargetGroup

UNKNOWN = "unknown"


@dataclass
class Row:
    key: str
    label: str
    count: int
    extra: int | None = None  # e.g. the running total in "adaptations over time"


@dataclass
class Dataset:
    slug: str
    title: str
    description: str
    rows: list[Row] = field(default_factory=list)
    # Practices can have several approaches or target groups: then the rows add up to more
    # than the number of practices, and the summary says so.
    overlapping: bool = False
    chart: str = "bars"

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rows)

    @property
    def maximum(self) -> int:
        return max((r.count for r in self.rows), default=0)

    @property
    def top(self) -> Row | None:
        best = max(self.rows, key=lambda r: r.count, default=None)
        return best if best and best.count > 0 else None


def _practices(locale: Locale):
    # No ordering: the page tree's default ORDER BY path would join the GROUP BY and split
    # every group into single pages.
    return PracticePage.objects.live().filter(locale=locale).order_by()


def per_county(locale: Locale) -> Dataset:
    counts = dict(
        _practices(locale)
        .values_list("municipality__county")
        .annotate(n=Count("pk", distinct=True))
        .values_list("municipality__county", "n")
    )
    rows = [Row(code, str(label), counts.get(code, 0)) for code, label in COUNTY_CHOICES]
    unknown = sum(n for code, n in counts.items() if code not in dict(COUNTY_CHOICES))
    if unknown:
        rows.append(Row(UNKNOWN, str(_("No county")), unknown))
    return Dataset(
        "county",
        str(_("Practices per county")),
        str(_("Published practices by the county of the owner municipality.")),
        rows,
    )


def _per_term(locale: Locale, model, slug: str, title: str, description: str) -> Dataset:
    related = "practices"
    terms = (
        model.objects.filter(locale=locale)
        .annotate(
            n=Count(
                related,
                filter=Q(**{f"{related}__live": True, f"{related}__locale": locale}),
                distinct=True,
            )
        )
        .order_by("name")
    )
    rows = [Row(t.slug, t.name, t.n) for t in terms]
    return Dataset(slug, title, description, rows, overlapping=True)


def per_approach(locale: Locale) -> Dataset:
    return _per_term(
        locale,
        Approach,
        "approach",
        str(_("Practices per approach")),
        str(_("A practice can use several approaches.")),
    )


def per_target_group(locale: Locale) -> Dataset:
    return _per_term(
        locale,
        TargetGroup,
        "target_group",
        str(_("Practices per target group")),
        str(_("A practice can serve several target groups.")),
    )


def per_status(locale: Locale) -> Dataset:
    counts = dict(
        _practices(locale).values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    rows = [Row(value, str(label), counts.get(value, 0)) for value, label in PracticeStatus.choices]
    return Dataset(
        "status",
        str(_("Practices per status")),
        str(_("Planned, ongoing, ended, or now part of regular operation.")),
        rows,
    )


def adaptations_over_time(locale: Locale) -> Dataset:
    """Published adaptations (practices with "adapted from") by the year first published."""
    counts = dict(
        _practices(locale)
        .filter(adapted_from__isnull=False, first_published_at__isnull=False)
        .annotate(year=ExtractYear("first_published_at"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    rows = []
    if counts:
        running = 0
        for year in range(min(counts), max(counts) + 1):
            running += counts.get(year, 0)
            rows.append(Row(str(year), str(year), counts.get(year, 0), extra=running))
    return Dataset(
        "adaptations",
        str(_("Adaptations over time")),
        str(_("New adaptations of other municipalities' practices per year, and in total.")),
        rows,
        chart="columns",
    )


def all_datasets(locale: Locale) -> list[Dataset]:
    return [
        per_county(locale),
        per_approach(locale),
        per_target_group(locale),
        per_status(locale),
        adaptations_over_time(locale),
    ]


def total_practices(locale: Locale) -> int:
    return _practices(locale).count()
