"""The practice record's sources, example notice and "Not reported" gaps: on the page, in the
API and in the open-data files."""

import csv
import io
import json
from datetime import date

import pytest
from django.utils.html import escape

from practices.export import CSV_COLUMNS, NARRATIVE_FIELDS, SOURCE_COLUMNS
from practices.models import EvidenceLevel, PracticeContact
from tests import factories

SOURCE = {
    "title": "Integration på landsbygden",
    "publisher": "Länsstyrelsen",
    "date": date(2017, 12, 8),
    "language": "",
    "url": "https://example.org/artikel",
    "supports": "Bakgrunden och resultaten",
}
UNDATED = {**SOURCE, "title": "An undated article", "publisher": "", "date": None, "url": ""}


@pytest.fixture
def sourced(site_tree):
    contact = factories.ContactPersonFactory(
        municipality=site_tree["municipality_sv"], is_example=True
    )
    practice = factories.PracticePageFactory(
        parent=site_tree["municipality_sv"],
        what_did_not_work="",
        lessons_learned="<p>Lärdom ett.</p><p>Lärdom två.</p>",
        evidence_level=EvidenceLevel.NOT_REPORTED,
        sources=[("source", SOURCE), ("source", {**UNDATED, "language": "en"})],
        example_notice="Kontaktpersonen är ett exempel.",
    )
    practice.contact_links = [PracticeContact(contact=contact)]
    practice.save_revision().publish()
    return practice


@pytest.mark.django_db
def test_the_page_lists_the_sources_and_shows_gaps_as_not_reported(client, sourced):
    html = client.get(sourced.url).content.decode()
    assert '<h2 id="sources-heading">Källor</h2>' in html
    assert '<a href="https://example.org/artikel">Integration på landsbygden</a>' in html
    assert '<time datetime="2017-12-08">8 december 2017</time>' in html
    # The undated source in English: its title is marked, its gaps are shown.
    assert '<cite class="source__title" lang="en">An undated article</cite>' in html
    # Empty sections of the record (what did not work, transferability...) and the undated
    # source's publisher and date say so, as does the evidence level.
    assert html.count("Uppgift saknas i underlaget") >= 8
    assert escape("Kontaktpersonen är ett exempel.") in html
    assert "exempelkontakt, inte en verklig person" in html


@pytest.mark.django_db
def test_a_practice_without_sources_says_so(client, practice):
    html = client.get(practice.url).content.decode()
    assert "Ingen källa anges för det här exemplet." in html
    assert "Exempel på den här sidan" not in html  # no example notice without one


@pytest.mark.django_db
def test_the_api_gives_sources_example_notice_and_example_contacts(client, sourced):
    record = client.get(f"/api/v2/pages/{sourced.pk}/").json()
    titles = [block["value"]["title"] for block in record["sources"]]
    assert titles == ["Integration på landsbygden", "An undated article"]
    assert record["sources"][0]["value"]["date"] == "2017-12-08"
    assert record["example_notice"] == "Kontaktpersonen är ett exempel."
    assert [contact["is_example"] for contact in record["contacts"]] == [True]
    assert record["evidence_level_label"] == "Uppgift saknas i underlaget"


@pytest.mark.django_db
def test_open_data_json_has_the_narrative_and_the_sources(client, sourced):
    document = json.loads(client.get("/sv/open-data/practices.json").content)
    (record,) = [item for item in document["practices"] if item["id"] == sourced.pk]
    for name in NARRATIVE_FIELDS:
        assert name in record
    assert record["lessons_learned"] == "<p>Lärdom ett.</p><p>Lärdom två.</p>"
    assert record["what_did_not_work"] == ""
    assert record["results"] == "<p>Det gick bra.</p>"
    assert record["example_notice"] == "Kontaktpersonen är ett exempel."
    assert record["sources"] == [
        {
            "title": "Integration på landsbygden",
            "publisher": "Länsstyrelsen",
            "date": "2017-12-08",
            "url": "https://example.org/artikel",
            "supports": "Bakgrunden och resultaten",
        },
        {
            "title": "An undated article",
            "publisher": None,
            "date": None,
            "url": None,
            "supports": "Bakgrunden och resultaten",
        },
    ]


@pytest.mark.django_db
def test_open_data_csv_has_one_column_per_narrative_field_and_source_detail(client, sourced):
    text = client.get("/sv/open-data/practices.csv").content.decode()
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == CSV_COLUMNS
    assert set(NARRATIVE_FIELDS) | set(SOURCE_COLUMNS) <= set(CSV_COLUMNS)
    (row,) = [row for row in reader if int(row["id"]) == sourced.pk]
    assert row["lessons_learned"] == "Lärdom ett.\nLärdom två."
    assert row["source_titles"] == "Integration på landsbygden|An undated article"
    assert row["source_dates"] == "2017-12-08|"
    assert row["source_publishers"] == "Länsstyrelsen|"
    assert row["example_notice"] == "Kontaktpersonen är ett exempel."
