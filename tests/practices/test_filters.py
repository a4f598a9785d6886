"""The index filters as a reader scans them: counts, no empty values, evidence, type, sorting."""

import pytest
from test_index_pages import titles

from tests import factories


def option_labels(response, name: str) -> list[str]:
    return [str(label) for _value, label in response.context["filter_form"].fields[name].choices]


@pytest.mark.django_db
def test_options_show_counts_and_hide_values_without_practices(client, catalogue):
    factories.TargetGroupFactory(slug="aldre", name="Äldre")  # no practice uses it
    response = client.get("/sv/goda-exempel/")
    assert sorted(option_labels(response, "target_group")) == ["Barn och unga (1)", "Nyanlända (1)"]
    assert "Äldre" not in response.content.decode()
    assert "(0)" not in response.content.decode()
    assert option_labels(response, "status") == [
        "Pågående (1)",
        "Avslutat (1)",
        "I ordinarie verksamhet (1)",
    ]


@pytest.mark.django_db
def test_evidence_level_and_municipality_type_filters(client, catalogue):
    soderhamn = catalogue["soderhamn"]
    soderhamn.municipality_group = "C8"
    soderhamn.save_revision().publish()
    cafe = catalogue["cafe"]
    cafe.evidence_level = "external"
    cafe.save_revision().publish()
    assert titles(client.get("/sv/goda-exempel/?evidence=external")) == ["Språkcafé"]
    assert sorted(titles(client.get("/sv/goda-exempel/?municipality_type=C"))) == [
        "Integrationsnätverket",
        "Läxhjälp",
    ]
    assert titles(client.get("/sv/goda-exempel/?municipality_type=A")) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sort, expected",
    [
        ("title", ["Integrationsnätverket", "Läxhjälp", "Språkcafé"]),
        ("bogus", None),  # ignored: the default order
        ("", None),
    ],
)
def test_sorting(client, catalogue, sort, expected):
    response = client.get(f"/sv/goda-exempel/?sort={sort}")
    assert response.status_code == 200
    default = titles(client.get("/sv/goda-exempel/"))
    assert titles(response) == (expected or default)


@pytest.mark.django_db
def test_recently_verified_first(client, catalogue):
    from datetime import date

    cafe = catalogue["cafe"]
    cafe.last_verified = date(2000, 1, 1)
    cafe.save_revision().publish()
    assert titles(client.get("/sv/goda-exempel/?sort=verified"))[-1] == "Språkcafé"


@pytest.mark.django_db
def test_filters_collapse_unless_active_and_active_ones_are_listed_above_results(client, catalogue):
    plain = client.get("/sv/goda-exempel/").content.decode()
    assert '<details class="filters__toggle" data-filters>' in plain
    active = client.get("/sv/goda-exempel/?status=ended&status=regular&page=1").content.decode()
    assert '<details class="filters__toggle" data-filters open>' in active
    assert "(2 valda)" in active
    # Each active filter links to the list without it (and without the page number).
    assert 'href="?status=regular"' in active and 'href="?status=ended"' in active
    assert active.index("Valda filter") < active.index('class="card-grid"')
