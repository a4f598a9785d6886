"""How alike two municipalities are, with the reasons in words a reader understands.

The measure (also explained to readers on the "municipalities like mine" page):

- size: populations compared on a log scale, because 10,000 and 20,000 inhabitants differ as
  much as 100,000 and 200,000. The same size scores SCORE_SIZE, falling linearly in
  |ln(a / b)| to 0 at SIZE_SPAN times larger or smaller; within ABOUT_SAME_SIZE_RATIO the
  reason is "about the same size", otherwise "similar size".
- type: SKR's municipality group. The same group scores SCORE_SAME_GROUP; two rural groups
  (C8, C9) SCORE_BOTH_RURAL; the same main group (A large cities, B medium-sized towns,
  C smaller towns and rural areas) SCORE_SAME_MAIN_GROUP.
- place: the same county scores SCORE_SAME_COUNTY.

A missing fact adds nothing (and gives no reason), so a list without populations still works.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from municipalities.models import MunicipalityPage, MunicipalityProfile

# "also …" phrases per SKR group, used when both have the same group.
SAME_GROUP_REASON = {
    "A1": _("also a large city"),
    "A2": _("also a commuter municipality near a large city"),
    "B3": _("also a medium-sized town"),
    "B4": _("also a commuter municipality near a medium-sized town"),
    "B5": _("also a low-commuting municipality near a medium-sized town"),
    "C6": _("also a smaller town"),
    "C7": _("also a commuter municipality near a smaller town"),
    "C8": _("also rural"),
    "C9": _("also rural, with a visitor industry"),
}
# Phrases when only the main group (A, B or C) matches.
SAME_MAIN_GROUP_REASON = {
    "A": _("also in or near a large city"),
    "B": _("also a medium-sized town or near one"),
    "C": _("also a smaller town or rural area"),
}

SCORE_SIZE = 3.0
SIZE_SPAN = 2.0
ABOUT_SAME_SIZE_RATIO = 1.25
SCORE_SAME_GROUP = 3.0
SCORE_BOTH_RURAL = 2.0
SCORE_SAME_MAIN_GROUP = 1.0
SCORE_SAME_COUNTY = 1.5
SCORE_SAME_MUNICIPALITY = 100.0
RURAL_GROUPS = frozenset({"C8", "C9"})


def size_score(population_a: int | None, population_b: int | None) -> float:
    """SCORE_SIZE for equal populations, down to 0 at SIZE_SPAN times larger (log scale)."""
    if not population_a or not population_b:
        return 0.0
    distance = abs(math.log(population_a / population_b))
    return max(0.0, SCORE_SIZE * (1 - distance / math.log(SIZE_SPAN)))


@dataclass(frozen=True)
class Place:
    """The facts used for comparison, from a profile, a page, or both."""

    code: str
    name: str
    county: str = ""
    population: int | None = None
    municipality_group: str = ""
    area_km2: Decimal | None = None


@dataclass
class Likeness:
    score: float
    reasons: list[str] = field(default_factory=list)

    @property
    def reason_text(self) -> str:
        return ", ".join(str(r) for r in self.reasons)


def compare(mine: Place, other: Place) -> Likeness:
    if mine.code and mine.code == other.code:
        return Likeness(SCORE_SAME_MUNICIPALITY, [pgettext_lazy("reason", "your municipality")])
    score = 0.0
    reasons: list = []
    size = size_score(mine.population, other.population)
    if size > 0:
        score += size
        ratio = max(mine.population, other.population) / min(mine.population, other.population)
        reasons.append(
            _("about the same size") if ratio <= ABOUT_SAME_SIZE_RATIO else _("similar size")
        )
    mine_group, other_group = mine.municipality_group, other.municipality_group
    if mine_group and other_group:
        if mine_group == other_group:
            score += SCORE_SAME_GROUP
            reasons.append(SAME_GROUP_REASON.get(other_group, _("same type")))
        elif mine_group in RURAL_GROUPS and other_group in RURAL_GROUPS:
            score += SCORE_BOTH_RURAL
            reasons.append(_("also rural"))
        elif mine_group[0] == other_group[0]:
            score += SCORE_SAME_MAIN_GROUP
            reasons.append(SAME_MAIN_GROUP_REASON[other_group[0]])
    if mine.county and mine.county == other.county:
        score += SCORE_SAME_COUNTY
        reasons.append(_("same county"))
    return Likeness(score, reasons)


def place_from_profile(profile: MunicipalityProfile, page: MunicipalityPage | None = None) -> Place:
    """A reader's municipality: the official list first, the page's facts where it is silent."""
    return Place(
        code=profile.code,
        name=profile.short_name or profile.name,
        county=profile.county,
        population=profile.population or (page.population if page else None),
        municipality_group=profile.municipality_group or (page.municipality_group if page else ""),
        area_km2=profile.area_km2 or (page.area_km2 if page else None),
    )


def place_from_page(page: MunicipalityPage, profile: MunicipalityProfile | None = None) -> Place:
    """An owner of practices: the page's facts first (editors keep them), then the list's."""
    return Place(
        code=page.code,
        name=page.title,
        county=page.county,
        population=page.population or (profile.population if profile else None),
        municipality_group=page.municipality_group
        or (profile.municipality_group if profile else ""),
        area_km2=page.area_km2 or (profile.area_km2 if profile else None),
    )


def find_reader_place(code: str) -> Place | None:
    """The reader's municipality by code, from the imported list or a participating page."""
    profile = MunicipalityProfile.objects.filter(code=code).first()
    page = (
        MunicipalityPage.objects.filter(code=code).order_by("locale_id", "pk").first()
        if code
        else None
    )
    if profile is not None:
        return place_from_profile(profile, page)
    if page is not None:
        return place_from_page(page)
    return None


def owner_likeness(mine: Place, pages: Iterable[MunicipalityPage]) -> dict[int, Likeness]:
    """Likeness of every given municipality page (all locales) to the reader's municipality."""
    pages = list(pages)
    profiles = {
        p.code: p for p in MunicipalityProfile.objects.filter(code__in={pg.code for pg in pages})
    }
    return {
        page.pk: compare(mine, place_from_page(page, profiles.get(page.code))) for page in pages
    }


def similarity_ordering(likeness: dict[int, Likeness], field_name: str = "municipality_id") -> Case:
    """An SQL expression giving each practice its owner's score, for ORDER BY in the database.

    Scores are scaled to integers and grouped so the CASE has one branch per distinct score,
    not one per municipality.
    """
    by_score: dict[int, list[int]] = {}
    for pk, item in likeness.items():
        value = round(item.score * 10)
        if value > 0:
            by_score.setdefault(value, []).append(pk)
    whens = [
        When(**{f"{field_name}__in": ids}, then=Value(value)) for value, ids in by_score.items()
    ]
    return Case(*whens, default=Value(0), output_field=IntegerField())


def similar_pages(
    page: MunicipalityPage, limit: int = 5
) -> list[tuple[MunicipalityPage, Likeness]]:
    """Other participating municipalities most like this one, in the page's language."""
    profile = MunicipalityProfile.objects.filter(code=page.code).first()
    mine = place_from_page(page, profile)
    others = (
        MunicipalityPage.objects.live()
        .filter(locale_id=page.locale_id)
        .exclude(translation_key=page.translation_key)
    )
    found = {p.pk: p for p in others}
    likeness = owner_likeness(mine, found.values())
    ranked = sorted(
        (pk for pk, item in likeness.items() if item.score > 0),
        key=lambda pk: (-likeness[pk].score, found[pk].title),
    )[:limit]
    return [(found[pk], likeness[pk]) for pk in ranked]
