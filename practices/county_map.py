"""A tile-grid map of Sweden's 21 counties: one square each, placed roughly where the county lies.

Drawn on the server as SVG (no map tiles, no outside hosts). A tile grid keeps every county the
same size, so Gotland and Blekinge are as easy to read and to click as Norrbotten, which real
outlines do not allow. Each tile links to the practice index filtered by that county.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from municipalities.counties import COUNTY_CHOICES

from .models import PracticePage

# (column, row) of each county by SCB code, north at the top.
TILE_POSITIONS: dict[str, tuple[int, int]] = {
    "25": (2, 0),  # Norrbotten
    "24": (2, 1),  # Västerbotten
    "23": (1, 2),  # Jämtland
    "22": (2, 2),  # Västernorrland
    "20": (1, 3),  # Dalarna
    "21": (2, 3),  # Gävleborg
    "17": (0, 4),  # Värmland
    "18": (1, 4),  # Örebro
    "19": (2, 4),  # Västmanland
    "03": (3, 4),  # Uppsala
    "14": (0, 5),  # Västra Götaland
    "05": (1, 5),  # Östergötland
    "04": (2, 5),  # Södermanland
    "01": (3, 5),  # Stockholm
    "13": (0, 6),  # Halland
    "06": (1, 6),  # Jönköping
    "08": (2, 6),  # Kalmar
    "09": (3, 6),  # Gotland
    "12": (0, 7),  # Skåne
    "07": (1, 7),  # Kronoberg
    "10": (2, 7),  # Blekinge
}
TILE = 112  # size of one square in SVG units
LONGEST_ONE_LINE_NAME = 9  # characters that fit one line of a square at the names' font size
COMPOUND_PREFIXES = ("Väster", "Öster", "Söder", "Väst", "Norr", "Krono", "Värm", "Jönkö")
GAP = 6
COLUMNS = 1 + max(c for c, _r in TILE_POSITIONS.values())
ROWS = 1 + max(r for _c, r in TILE_POSITIONS.values())

# Three classes. Against the white page and each other every pair keeps at least 3:1 contrast
# (WCAG 1.4.11); the text on each keeps 4.5:1 (tests/practices/test_county_map.py checks both).
LEVEL_COLOURS = {
    0: {"fill": "#ffffff", "text": "#1b1b1b", "stroke": "#4a4a4a"},
    1: {"fill": "#5b8fcf", "text": "#1b1b1b", "stroke": "#083a66"},
    2: {"fill": "#0b3d6e", "text": "#ffffff", "stroke": "#0b3d6e"},
}


@dataclass(frozen=True)
class CountyTile:
    code: str
    name: str
    short_name: str
    count: int
    level: int
    url: str
    x: int
    y: int

    @property
    def colours(self) -> dict[str, str]:
        return LEVEL_COLOURS[self.level]

    @property
    def name_lines(self) -> list[str]:
        """Long names on two lines, so that every name fits its square in a readable size:
        "Västra Götaland" at the space, "Västernorrland" at its compound joint ("Väster-")."""
        if " " in self.short_name:
            return self.short_name.split(" ", 1)
        if len(self.short_name) > LONGEST_ONE_LINE_NAME:
            for prefix in COMPOUND_PREFIXES:
                if self.short_name.startswith(prefix):
                    return [f"{prefix}-", self.short_name[len(prefix) :]]
        return [self.short_name]

    @property
    def centre_x(self) -> int:
        return self.x + TILE // 2


@dataclass(frozen=True)
class Legend:
    level: int
    label: str
    colours: dict[str, str]


@dataclass(frozen=True)
class CountyMap:
    tiles: list[CountyTile]
    legend: list[Legend]
    total: int
    width: int
    height: int

    @property
    def by_name(self) -> list[CountyTile]:
        return sorted(self.tiles, key=lambda t: t.name)


def short_county_name(name: str) -> str:
    """ "Jämtland County" → "Jämtland", "Stockholms län" → "Stockholm", "Skåne län" → "Skåne"."""
    for suffix in (" County", " län"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            if suffix == " län" and name.endswith("s") and not name.endswith("ss"):
                # Genitive s: "Stockholms län" → "Stockholm", "Gotlands län" → "Gotland".
                name = name[:-1]
            break
    return name


def level_threshold(counts: list[int]) -> int:
    """Counts above this are "many": half of the largest count, rounded up, at least 1."""
    return max(1, math.ceil(max(counts, default=0) / 2))


def counts_by_county(locale_id: int) -> dict[str, int]:
    """Live practices in one language per county of their owner municipality (one query)."""
    rows = (
        PracticePage.objects.live()
        .filter(locale_id=locale_id, municipality__isnull=False)
        .order_by()  # Page's default ordering by path would split the groups
        .values("municipality__county")
        .annotate(n=Count("pk"))
    )
    return {row["municipality__county"]: row["n"] for row in rows}


def county_map(index_page: Page) -> CountyMap:
    counts = counts_by_county(index_page.locale_id)
    threshold = level_threshold(list(counts.values()))
    base_url = index_page.url or ""
    tiles = []
    for code, label in COUNTY_CHOICES:
        column, row = TILE_POSITIONS[code]
        count = counts.get(code, 0)
        level = 0 if count == 0 else (1 if count <= threshold else 2)
        name = str(label)
        tiles.append(
            CountyTile(
                code=code,
                name=name,
                short_name=short_county_name(name),
                count=count,
                level=level,
                url=f"{base_url}?{urlencode({'county': code})}",
                x=column * (TILE + GAP),
                y=row * (TILE + GAP),
            )
        )
    if threshold == 1:
        few = _("1 practice")
    else:
        few = _("1–%(n)s practices") % {"n": threshold}
    legend = [
        Legend(0, str(_("No practice yet")), LEVEL_COLOURS[0]),
        Legend(1, str(few), LEVEL_COLOURS[1]),
        Legend(2, str(_("%(n)s or more") % {"n": threshold + 1}), LEVEL_COLOURS[2]),
    ]
    return CountyMap(
        tiles=tiles,
        legend=legend,
        total=sum(counts.values()),
        width=COLUMNS * (TILE + GAP) - GAP,
        height=ROWS * (TILE + GAP) - GAP,
    )
