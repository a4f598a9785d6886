"""Municipalities like mine: practices ordered by likeness, with the reasons shown."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from learning.similarity import Place, compare, find_reader_place
from learning.views import MY_MUNICIPALITY_COOKIE
from municipalities.models import MunicipalityProfile
from tests import factories
from tests.learning.learning_helpers import SHARED_CSV, TEST_CSV, second_municipality


@pytest.fixture
def imported(db):
    call_command("import_municipalities", str(TEST_CSV), stdout=open("/dev/null", "w"))  # noqa: SIM115
    return MunicipalityProfile.objects.count()


def test_reasons_in_words():
    hylte = Place(code="1315", name="Hylte", county="13", population=10300, municipality_group="C8")
    soderhamn = Place("2182", "Söderhamn", "21", 25300, "C8")
    harjedalen = Place("2361", "Härjedalen", "23", 10000, "C9")
    falkenberg = Place("1382", "Falkenberg", "13", 46000, "C7")
    stockholm = Place("0180", "Stockholm", "01", 984700, "A1")
    with translation.override("en"):
        # 25,300 is 2.5 times 10,300: not "about the same size" (the complaint).
        assert compare(hylte, soderhamn).reason_text == "also rural"
        assert compare(hylte, harjedalen).reason_text == "about the same size, also rural"
        assert compare(hylte, falkenberg).reason_text == (
            "also a smaller town or rural area, same county"
        )
        assert compare(hylte, stockholm).score == 0
        assert compare(hylte, hylte).reason_text == "your municipality"


@pytest.fixture
def owners(site_tree, imported):
    """Practices from four participating municipalities (facts from the test CSV)."""
    index = site_tree["municipality_index_sv"]
    pages = {
        "soderhamn": factories.MunicipalityPageFactory(
            parent=index,
            title="Söderhamn",
            code="2182",
            county="21",
            population=25300,
            municipality_group="C8",
        ),
        "harjedalen": factories.MunicipalityPageFactory(
            parent=index,
            title="Härjedalen",
            code="2361",
            county="23",
            population=None,
            municipality_group="",  # the imported list fills in what the page lacks
        ),
        "falkenberg": second_municipality(site_tree, population=60000, municipality_group="C7"),
        "stockholm": factories.MunicipalityPageFactory(
            parent=index,
            title="Stockholm",
            code="0180",
            county="01",
            population=984700,
            municipality_group="A1",
        ),
    }
    practices = {
        key: factories.PracticePageFactory(parent=page, title=f"Exempel från {page.title}")
        for key, page in pages.items()
    }
    return pages, practices


@pytest.mark.django_db
def test_reader_place_uses_the_imported_list(imported):
    place = find_reader_place("1315")
    assert (place.name, place.population, place.municipality_group) == ("Hylte", 10300, "C8")
    assert find_reader_place("9999") is None


def like_mine_url(language: str = "sv") -> str:
    with translation.override(language):
        return reverse("learning:like_mine")


@pytest.mark.django_db
def test_like_mine_orders_practices_by_similarity_with_reasons(client, owners):
    response = client.get(like_mine_url(), {"municipality": "1380"})
    assert response.status_code == 200  # Halmstad: no participating twin, still answered
    response = client.get(like_mine_url(), {"municipality": "2161"})  # Ljusdal
    html = response.content.decode()
    assert response.status_code == 200
    titles = [p.title for p in response.context["practices"]]
    assert titles == [
        "Exempel från Söderhamn",  # similar size, also rural, same county
        "Exempel från Härjedalen",  # similar size (19,000 and 10,000), also rural
        "Exempel från Falkenberg",  # also a smaller town or rural area (much larger)
        "Exempel från Stockholm",  # nothing in common: last
    ]
    with translation.override("sv"):
        expected = compare(find_reader_place("2161"), find_reader_place("2182")).reason_text
    assert [p.likeness_reason for p in response.context["practices"]][0] == expected
    assert f"</strong> {expected}</p>" in html
    assert response.context["practices"][3].likeness_reason == ""
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


@pytest.mark.django_db
def test_like_mine_form_lists_all_imported_municipalities_by_county(client, imported):
    html = client.get(like_mine_url("en")).content.decode()
    assert html.count("<option") == imported + 1  # plus "Choose your municipality"
    assert '<optgroup label="Halland County">' in html
    assert 'method="get"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["9999", "abc", "1315' OR 1=1", "x" * 500])
def test_like_mine_bad_input_is_a_form_error_not_a_crash(client, imported, value):
    response = client.get(like_mine_url("en"), {"municipality": value, "page": "zz"})
    assert response.status_code == 400
    assert "learning-errors" in response.content.decode()


@pytest.mark.django_db
def test_remembered_only_when_asked_and_forgotten_on_request(client, owners):
    response = client.get(like_mine_url("en"), {"municipality": "2161"})
    assert MY_MUNICIPALITY_COOKIE not in response.cookies
    response = client.get(like_mine_url("en"), {"municipality": "2161", "remember": "on"})
    cookie = response.cookies[MY_MUNICIPALITY_COOKIE]
    assert cookie.value == "2161"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    # Next visit without a parameter: the cookie chooses.
    response = client.get(like_mine_url("en"))
    assert response.context["place"].code == "2161"
    response = client.get(like_mine_url("en"), {"forget": "1"})
    assert response.cookies[MY_MUNICIPALITY_COOKIE].value == ""
    assert response.context["place"] is None


@pytest.mark.django_db
def test_stale_cookie_is_ignored(client, imported):
    client.cookies[MY_MUNICIPALITY_COOKIE] = "0000"
    response = client.get(like_mine_url("en"))
    assert response.status_code == 200
    assert response.context["place"] is None


@pytest.mark.django_db
def test_like_mine_queries_are_bounded(client, owners, django_assert_max_num_queries):
    client.get(like_mine_url("en"), {"municipality": "2161"})
    with django_assert_max_num_queries(30):
        client.get(like_mine_url("en"), {"municipality": "2161"})


@pytest.mark.django_db
def test_municipality_page_shows_similar_municipalities(client, owners):
    html = client.get(owners[0]["soderhamn"].url).content.decode()
    assert 'id="similar-municipalities-heading"' in html
    assert "Härjedalen" in html
    assert f"{like_mine_url()}?municipality=2182" in html


@pytest.mark.django_db
def test_home_page_offers_the_chooser_without_personal_data(client, site_tree, imported):
    html = client.get("/sv/").content.decode()
    assert 'id="like-mine-heading"' in html
    assert "csrfmiddlewaretoken" not in html


@pytest.mark.django_db
def test_demo_imports_the_shipped_list_and_the_chooser_offers_all_290(client, site_tree):
    from demo.learning import OFFICIAL_LIST, build_learning_demo

    assert OFFICIAL_LIST == SHARED_CSV
    build_learning_demo()
    assert MunicipalityProfile.objects.count() == 290
    html = client.get(like_mine_url("en")).content.decode()
    assert html.count("<option") == 290 + 1  # plus "Choose your municipality"
    assert html.count("<optgroup") == 21
