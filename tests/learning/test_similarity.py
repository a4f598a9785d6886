"""The similarity measure's edge cases: log-scale size, SKR groups, county, missing facts."""

import math

import pytest
from django.utils import translation

from learning.similarity import (
    ABOUT_SAME_SIZE_RATIO,
    SCORE_BOTH_RURAL,
    SCORE_SAME_COUNTY,
    SCORE_SAME_GROUP,
    SCORE_SAME_MAIN_GROUP,
    SCORE_SIZE,
    SIZE_SPAN,
    Place,
    compare,
    size_score,
)


def place(population=None, group="", county="", code="0000") -> Place:
    return Place(
        code=code, name=code, county=county, population=population, municipality_group=group
    )


def reasons(a: Place, b: Place) -> str:
    with translation.override("en"):
        return compare(a, b).reason_text


@pytest.mark.parametrize("a, b", [(None, 1000), (1000, None), (0, 1000), (None, None), (0, 0)])
def test_missing_or_zero_population_adds_nothing(a, b):
    assert size_score(a, b) == 0
    assert reasons(place(a, code="1"), place(b, code="2")) == ""


def test_size_is_compared_on_a_log_scale():
    # Twice as large counts the same at any size: 10k/20k like 100k/200k.
    assert size_score(10_000, 15_000) == pytest.approx(size_score(100_000, 150_000))
    assert size_score(5_000, 5_000) == SCORE_SIZE
    assert size_score(10_000, 10_000 * SIZE_SPAN) == pytest.approx(0)
    assert size_score(10_000, 10_000 * SIZE_SPAN * 1.01) == 0
    expected = SCORE_SIZE * (1 - math.log(1.5) / math.log(SIZE_SPAN))
    assert size_score(10_000, 15_000) == pytest.approx(expected)


def test_size_is_symmetric_and_falls_with_the_ratio():
    scores = [size_score(10_000, 10_000 * r) for r in (1, 1.1, 1.25, 1.5, 1.9, 2.5)]
    assert scores == sorted(scores, reverse=True)
    assert size_score(10_300, 25_300) == size_score(25_300, 10_300)


def test_size_reasons_at_their_boundaries():
    base = 10_000
    assert reasons(place(base, code="1"), place(int(base * ABOUT_SAME_SIZE_RATIO), code="2")) == (
        "about the same size"
    )
    assert reasons(place(base, code="1"), place(int(base * 1.26), code="2")) == "similar size"
    assert reasons(place(base, code="1"), place(int(base * SIZE_SPAN), code="2")) == ""
    # Söderhamn (25,300) is not "about the same size" as Hylte (10,300).
    assert reasons(place(10_300, code="1315"), place(25_300, code="2182")) == ""


@pytest.mark.parametrize(
    "mine, other, score, text",
    [
        ("C8", "C8", SCORE_SAME_GROUP, "also rural"),
        ("C9", "C9", SCORE_SAME_GROUP, "also rural, with a visitor industry"),
        ("C8", "C9", SCORE_BOTH_RURAL, "also rural"),
        ("C8", "C6", SCORE_SAME_MAIN_GROUP, "also a smaller town or rural area"),
        ("A1", "A2", SCORE_SAME_MAIN_GROUP, "also in or near a large city"),
        ("A1", "C8", 0, ""),
        ("", "C8", 0, ""),
        ("C8", "", 0, ""),
    ],
)
def test_municipality_groups(mine, other, score, text):
    a, b = place(group=mine, code="1"), place(group=other, code="2")
    assert compare(a, b).score == score
    assert reasons(a, b) == text


def test_county_and_the_same_municipality():
    assert compare(place(county="13", code="1"), place(county="13", code="2")).score == (
        SCORE_SAME_COUNTY
    )
    assert compare(place(county="", code="1"), place(county="", code="2")).score == 0
    same = compare(place(10_000, "C8", "13", "1315"), place(50, "A1", "01", "1315"))
    assert same.score > 3 * (SCORE_SIZE + SCORE_SAME_GROUP + SCORE_SAME_COUNTY)
    assert reasons(place(code="1315"), place(code="1315")) == "your municipality"


def test_everything_in_common_outranks_any_two_facts():
    mine = place(20_000, "C8", "21", "1")
    twin = compare(mine, place(21_000, "C8", "21", "2")).score
    for other in (
        place(20_000, "C8", "13", "3"),
        place(20_000, "A1", "21", "4"),
        place(90_000, "C8", "21", "5"),
    ):
        assert compare(mine, other).score < twin
