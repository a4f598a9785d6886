"""'In numbers': every number on the page and in the CSV equals a count in the database."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime

import pytest
from django.urls import resolve, reverse
from django.utils import timezone, translation

from learning import views
from municipalities.counties import COUNTY_CHOICES
from practices.models import Approach, PracticePage, PracticeStatus, TargetGroup
from tests import factories
from tests.learning.learning_helpers import publish, second_municipality


def url(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(f"learning:{name}")


@pytest.fixture
def data(site_tree):
    hylte = site_tree["municipality_sv"]  # Halland, 13
    falkenberg = second_municipality(site_tree)  # Halland, 13
    stockholm = factories.MunicipalityPageFactory(
        parent=site_tree["municipality_index_sv"],
        title="Stockholm",
        slug="stockholm",
        code="0180",
        county="01",
    )
    meeting = factories.ApproachFactory(name="Mötesplats", slug="motesplats")
    mentor = factories.ApproachFactory(name="Mentorskap", slug="mentorskap")
    factories.ApproachFactory(name="Oanvänt", slug="oanvant")
    adults = factories.TargetGroupFactory(name="Vuxna", slug="vuxna")
    children = factories.TargetGroupFactory(name="Barn", slug="barn")
    specs = [
        (hylte, PracticeStatus.ONGOING, [meeting], [adults], None, 2021),
        (hylte, PracticeStatus.REGULAR, [meeting, mentor], [adults, children], 0, 2023),
        (falkenberg, PracticeStatus.ENDED, [mentor], [children], 0, 2023),
        (stockholm, PracticeStatus.ONGOING, [meeting], [], 1, 2025),
        (stockholm, PracticeStatus.PLANNED, [], [adults], None, 2025),
    ]
    pages = []
    for index, (parent, status, approaches, groups, adapted, year) in enumerate(specs):
        page = factories.PracticePageFactory(
            parent=parent,
            title=f"Exempel {index}",
            status=status,
            adapted_from=pages[adapted] if adapted is not None else None,
        )
        page.approaches.set(approaches)
        page.target_groups.set(groups)
        page.save()
        publish(page)
        first = timezone.make_aware(datetime(year, 6, 1, 12, 0))
        PracticePage.objects.filter(pk=page.pk).update(first_published_at=first)
        pages.append(page)
    # A draft and an unpublished practice must not be counted.
    factories.PracticePageFactory(parent=hylte, title="Utkast", live=False)
    return pages


def table(html: str, dataset: str) -> dict[str, int]:
    section = html.split(f'data-dataset="{dataset}"', 1)[1].split("</table>", 1)[0]
    return {
        key: int(count)
        for key, count in re.findall(
            r'<tr data-key="([^"]*)"><th scope="row">[^<]*</th><td>(\d+)</td>', section
        )
    }


def database_counts(locale) -> dict[str, dict[str, int]]:
    live = PracticePage.objects.live().filter(locale=locale)
    adaptations: dict[str, int] = {}
    for page in live.filter(adapted_from__isnull=False):
        year = str(timezone.localtime(page.first_published_at).year)
        adaptations[year] = adaptations.get(year, 0) + 1
    years = sorted(adaptations)
    if years:
        for year in range(int(years[0]), int(years[-1]) + 1):
            adaptations.setdefault(str(year), 0)
    return {
        "county": {
            code: live.filter(municipality__county=code).count() for code, _l in COUNTY_CHOICES
        },
        "approach": {
            a.slug: live.filter(approaches=a).count()
            for a in Approach.objects.filter(locale=locale)
        },
        "target_group": {
            t.slug: live.filter(target_groups=t).count()
            for t in TargetGroup.objects.filter(locale=locale)
        },
        "status": {
            value: live.filter(status=value).count() for value, _l in PracticeStatus.choices
        },
        "adaptations": adaptations,
    }


@pytest.mark.django_db
def test_chart_numbers_equal_database_counts(client, data, locales):
    response = client.get(url("statistics", "sv"))
    assert response.status_code == 200
    html = response.content.decode()
    expected = database_counts(locales["sv"])
    for dataset, counts in expected.items():
        assert table(html, dataset) == counts, dataset
    # Spot checks, so the test does not merely compare the code with itself.
    assert expected["county"]["13"] == 3 and expected["county"]["01"] == 2
    assert expected["approach"]["oanvant"] == 0
    assert expected["adaptations"] == {"2023": 2, "2024": 0, "2025": 1}
    assert response.context["total"] == 5


@pytest.mark.django_db
def test_csv_has_the_same_numbers(client, data, locales):
    response = client.get(url("statistics_csv", "sv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    got: dict[str, dict[str, int]] = {}
    for row in rows:
        got.setdefault(row["dataset"], {})[row["key"]] = int(row["count"])
    expected = database_counts(locales["sv"])
    for dataset, counts in expected.items():
        assert got[dataset] == counts, dataset
    assert got["total"][""] == 5
    running = [int(r["running_total"]) for r in rows if r["dataset"] == "adaptations"]
    assert running == [2, 2, 3]


@pytest.mark.django_db
def test_charts_are_accessible_svg(client, data):
    html = client.get(url("statistics", "sv")).content.decode()
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", html, flags=re.S)
    assert len(svgs) == 5
    for svg in svgs:
        assert 'role="img"' in svg
        labelled = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
        for element_id in labelled:
            assert f'id="{element_id}"' in svg
        assert re.search(r"<title id=\"[^\"]+\">[^<]+</title>", svg)
        assert re.search(r"<desc id=\"[^\"]+\">[^<]+</desc>", svg)
        assert "<script" not in svg
    assert html.count("<caption>") == 5
    assert html.count('scope="col"') >= 10
    assert "http://" not in "".join(s.replace("http://www.w3.org/2000/svg", "") for s in svgs)


@pytest.mark.django_db
def test_statistics_urls_are_translated_and_before_the_page_catch_all(client, site_tree):
    assert url("statistics", "en") == "/en/in-numbers/"
    assert url("statistics_csv", "en") == "/en/in-numbers/csv/"
    sv = url("statistics", "sv")
    assert sv.startswith("/sv/")
    assert resolve(sv).func is views.statistics_page
    assert client.get(sv).status_code == 200
    assert client.get("/en/in-numbers/").status_code == 200


@pytest.mark.django_db
def test_empty_site_has_statistics_without_errors(client, site_tree):
    response = client.get(url("statistics", "en"))
    assert response.status_code == 200
    assert client.get(url("statistics_csv", "en")).status_code == 200


@pytest.mark.django_db
def test_csv_cells_cannot_become_formulas(client, site_tree):
    factories.ApproachFactory(name="=HYPERLINK(1)", slug="formel")
    body = client.get(url("statistics_csv", "sv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body


@pytest.mark.django_db
def test_statistics_queries_are_bounded(client, data, django_assert_max_num_queries):
    client.get(url("statistics", "sv"))
    with django_assert_max_num_queries(25):
        client.get(url("statistics", "sv"))
