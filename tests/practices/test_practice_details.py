"""What the practice and municipality pages say about lifecycle and context."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from tests import factories


def _period(client, page) -> str:
    html = client.get(page.url).content.decode()
    start = html.index("Unknown start") if "Unknown start" in html else None
    assert start is not None, "the fact box shows the period"
    return html[start : html.index("</dd>", start)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "end_date", "expected"),
    [
        ("ongoing", None, "ongoing"),
        ("regular", None, "ongoing"),
        ("ended", None, "end date unknown"),
        ("planned", None, "not started yet"),
        ("ended", date(2023, 6, 30), "2023"),
    ],
)
def test_the_period_follows_the_status(client, site_tree, status, end_date, expected):
    page = factories.PracticePageFactory(
        parent=site_tree["municipality_en"], status=status, start_date=None, end_date=end_date
    )
    period = _period(client, page)
    assert expected in period
    if status == "ended":
        assert "ongoing" not in period


@pytest.mark.django_db
def test_municipality_page_shows_population_and_area_grouped(client, site_tree):
    municipality = site_tree["municipality_sv"]
    municipality.population = 101234
    municipality.area_km2 = Decimal("1234.6")
    municipality.save_revision().publish()
    html = client.get(municipality.url).content.decode()
    with translation.override("sv"):
        # Swedish groups thousands with a (non-breaking) space.
        assert "101\xa0234" in html or "101 234" in html
        assert "1\xa0235 km²" in html or "1 235 km²" in html
