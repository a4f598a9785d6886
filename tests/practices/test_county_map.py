"""The county tile map: every county once, honest counts, links to the filtered index, contrast."""

import itertools
import re

import pytest

from municipalities.counties import COUNTY_CHOICES, COUNTY_CODES
from practices.county_map import (
    LEVEL_COLOURS,
    TILE_POSITIONS,
    level_threshold,
    short_county_name,
)
from tests import factories


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_county_has_one_square_of_its_own():
    assert set(TILE_POSITIONS) == COUNTY_CODES
    assert len(set(TILE_POSITIONS.values())) == len(COUNTY_CODES)


def test_north_is_up():
    row = {code: r for code, (_c, r) in TILE_POSITIONS.items()}
    assert row["25"] < row["24"] < row["22"] < row["21"] < row["01"] < row["08"] < row["12"]


def test_classes_keep_3_to_1_against_each_other_the_page_and_4_5_for_text():
    # A level is told apart from the white page and from the others by its fill or its outline.
    for a, b in itertools.combinations(LEVEL_COLOURS.values(), 2):
        assert max(contrast(a["fill"], b["fill"]), contrast(a["stroke"], b["fill"])) >= 3
    for colours in LEVEL_COLOURS.values():
        assert contrast(colours["stroke"], "#ffffff") >= 3
        assert contrast(colours["text"], colours["fill"]) >= 4.5
    assert contrast(LEVEL_COLOURS[1]["fill"], LEVEL_COLOURS[2]["fill"]) >= 3
    assert contrast(LEVEL_COLOURS[1]["fill"], "#ffffff") >= 3


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Stockholms län", "Stockholm"),
        ("Skåne län", "Skåne"),
        ("Västra Götalands län", "Västra Götaland"),
        ("Uppsala län", "Uppsala"),
        ("Jämtland County", "Jämtland"),
        ("Gotlands län", "Gotland"),
    ],
)
def test_short_county_names(name, short):
    assert short_county_name(name) == short


def test_threshold_splits_at_half_the_largest_count():
    assert level_threshold([]) == 1
    assert level_threshold([1]) == 1
    assert level_threshold([1, 7]) == 4


@pytest.mark.django_db
def test_map_page_counts_live_practices_per_county_in_the_active_language(client, site_tree):
    hylte = site_tree["municipality_sv"]  # Halland, 13
    gavle = factories.MunicipalityPageFactory(
        parent=site_tree["municipality_index_sv"], title="Gävle", code="2180", county="21"
    )
    for parent in (hylte, hylte, gavle):
        factories.PracticePageFactory(parent=parent)
    factories.PracticePageFactory(parent=gavle, live=False)
    response = client.get("/sv/goda-exempel/karta/")
    assert response.status_code == 200
    tiles = {t.code: t for t in response.context["county_map"].tiles}
    assert (tiles["13"].count, tiles["21"].count, tiles["01"].count) == (2, 1, 0)
    assert response.context["county_map"].total == 3
    html = response.content.decode()
    # Each square is a link with a name and a count; the table beside it has the same numbers.
    assert 'aria-label="Halland: 2 exempel"' in html
    assert re.search(
        r'<a href="/sv/goda-exempel/\?county=13">Hallands län</a></th><td class="num">2', html
    )
    assert html.count('class="county-map__tile ') == len(COUNTY_CHOICES)
    english = client.get("/en/good-practices/map/")
    assert english.status_code == 200
    assert english.context["county_map"].total == 0  # nothing translated yet
    assert 'href="/en/good-practices/?county=13"' in english.content.decode()


@pytest.mark.django_db
def test_tile_links_lead_to_the_filtered_index(client, site_tree):
    factories.PracticePageFactory(parent=site_tree["municipality_sv"], title="I Halland")
    other = factories.MunicipalityPageFactory(
        parent=site_tree["municipality_index_sv"], title="Gävle", code="2180", county="21"
    )
    factories.PracticePageFactory(parent=other, title="I Gävleborg")
    tile = next(
        t
        for t in client.get("/sv/goda-exempel/karta/").context["county_map"].tiles
        if t.code == "21"
    )
    listing = client.get(tile.url)
    assert [p.title for p in listing.context["practices"]] == ["I Gävleborg"]


@pytest.mark.django_db
def test_index_shows_the_map_too(client, site_tree):
    html = client.get("/sv/goda-exempel/").content.decode()
    assert 'class="county-map__svg"' in html
    assert 'href="/sv/goda-exempel/karta/"' in html
