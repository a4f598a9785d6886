"""Open data: the practice catalogue as CSV and JSON, parsed and compared with the database."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.export import CSV_COLUMNS, LICENCE, LIST_SEPARATOR
from practices.models import PracticePage
from tests import factories


def read_csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == CSV_COLUMNS
    return list(reader)


def live(language: str):
    return PracticePage.objects.live().filter(locale__language_code=language)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sv", "en"])
def test_csv_has_one_row_per_live_practice_of_the_language(client, showcase, language):
    factories.PracticePageFactory(parent=showcase.sv["municipality"], title="Utkast", live=False)
    rows = read_csv(client.get(f"/{language}/open-data/practices.csv"))
    assert sorted(int(row["id"]) for row in rows) == sorted(
        live(language).values_list("pk", flat=True)
    )
    for row in rows:
        practice = PracticePage.objects.get(pk=row["id"])
        assert row["title"] == practice.title
        assert row["language"] == language
        assert row["url"] == practice.full_url
        assert row["translation_key"] == str(practice.translation_key)
        assert row["status"] == practice.status
        assert row["municipality_code"] == practice.municipality.code
        assert row["municipality_name"] == practice.municipality.title
        assert row["county_code"] == practice.municipality.county
        assert row["target_group_slugs"].split(LIST_SEPARATOR) == [
            t.slug for t in practice.target_groups.all()
        ] or (row["target_group_slugs"] == "" and not practice.target_groups.exists())
        assert row["last_verified"] == practice.last_verified.isoformat()


@pytest.mark.django_db
def test_csv_row_of_the_complete_practice(client, showcase):
    rows = {row["title"]: row for row in read_csv(client.get("/en/open-data/practices.csv"))}
    row = rows["Language café in Hylte"]
    assert row["municipality_code"] == "1315"
    assert row["county_code"] == "13"
    assert row["county_name"] == "Halland County"
    assert row["participating_municipality_codes"] == "2182"
    assert set(row["target_group_slugs"].split("|")) == {"barn", "nyanlanda"}
    assert set(row["target_group_names"].split("|")) == {"Children", "Newcomers"}
    assert row["approach_slugs"] == "motesplats"
    assert row["approach_names"] == "Meeting place"
    assert row["tags"] == "språk"
    assert row["status_label"] == "Ongoing"
    assert row["start_date"] == "2021-03-01"
    assert row["end_date"] == ""


@pytest.mark.django_db
def test_both_languages_join_on_translation_key(client, showcase):
    sv = {
        row["translation_key"]: row for row in read_csv(client.get("/sv/open-data/practices.csv"))
    }
    en = read_csv(client.get("/en/open-data/practices.csv"))
    for row in en:
        assert row["target_group_slugs"] == sv[row["translation_key"]]["target_group_slugs"]
        assert row["municipality_code"] == sv[row["translation_key"]]["municipality_code"]


@pytest.mark.django_db
def test_json_states_the_licence_and_matches_the_database(client, showcase):
    response = client.get("/sv/open-data/practices.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert 'rel="license"' in response["Link"]
    document = response.json()
    assert document["licence"] == LICENCE
    assert document["licence"]["name"] == "CC BY 4.0"
    assert document["language"] == "sv"
    assert document["count"] == live("sv").count() == len(document["practices"])
    record = next(p for p in document["practices"] if p["id"] == showcase.sv["practice"].pk)
    assert record["municipality"] == {
        "code": "1315",
        "name": "Hylte",
        "official_name": "Hylte kommun",
        "county_code": "13",
        "county_name": "Hallands län",
    }
    assert {t["slug"] for t in record["target_groups"]} == {"barn", "nyanlanda"}
    assert record["approaches"] == [{"slug": "motesplats", "name": "Mötesplats"}]
    assert record["participating_municipalities"] == [
        {"code": "2182", "name": "Söderhamn", "county_code": "21"}
    ]


@pytest.mark.django_db
def test_csv_states_the_licence_and_downloads_as_a_file(client, showcase):
    response = client.get("/en/open-data/practices.csv")
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    assert response["Content-Disposition"] == (
        'attachment; filename="larplattformen-practices-en.csv"'
    )


@pytest.mark.django_db
def test_index_filters_apply_to_the_download(client, showcase):
    rows = read_csv(client.get("/sv/open-data/practices.csv?target_group=nyanlanda"))
    assert [row["title"] for row in rows] == ["Språkcafé i Hylte"]
    document = client.get("/sv/open-data/practices.json?county=21").json()
    assert {p["municipality"]["code"] for p in document["practices"]} == {"2182"}


@pytest.mark.django_db
def test_spreadsheet_formulas_are_neutralised(client, showcase):
    factories.PracticePageFactory(
        parent=showcase.sv["municipality"], title='=HYPERLINK("http://evil")', slug="formel"
    )
    rows = read_csv(client.get("/sv/open-data/practices.csv"))
    titles = [row["title"] for row in rows]
    assert '\'=HYPERLINK("http://evil")' in titles
    assert not any(title.startswith("=") for title in titles)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["page=abc", "county=99", "target_group=%00", "status=<script>", "municipality=' OR 1=1"],
)
def test_rubbish_query_strings_never_fail(client, showcase, query):
    for fmt in ("csv", "json"):
        response = client.get(f"/sv/open-data/practices.{fmt}?{query}")
        assert response.status_code == 200
        assert b"<script>" not in response.content


@pytest.mark.django_db
def test_only_get_and_head(client, showcase):
    assert client.post("/sv/open-data/practices.csv").status_code == 405
    assert client.head("/sv/open-data/practices.json").status_code == 200


@pytest.mark.django_db
def test_export_queries_do_not_grow_with_the_catalogue(client, showcase):
    def count() -> int:
        client.get("/sv/open-data/practices.json")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sv/open-data/practices.json").status_code == 200
        return len(queries)

    few = count()
    for number in range(4):
        practice = factories.PracticePageFactory(
            parent=showcase.sv["municipality"], title=f"Mer {number}"
        )
        practice.target_groups.set([showcase.terms["children"]])
        practice.tags.add("extra")
        practice.save()
    assert count() == few


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sv", "en"])
def test_open_data_page_describes_files_and_licence(client, showcase, language):
    response = client.get(f"/{language}/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/{language}/open-data/practices.csv"' in html
    assert f'href="/{language}/open-data/practices.json"' in html
    assert 'rel="license"' in html and LICENCE["url"] in html
    for column in CSV_COLUMNS:
        assert f"<code>{column}</code>" in html
