"""Comparing practices side by side: the URL, what it shows, bad input and a fixed query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from practices.compare import MAX_COMPARED, parse_ids, query_for
from practices.models import PracticeIndexPage, PracticePage
from tests import factories

SV_URL = "/sv/goda-exempel/jamfor/"
EN_URL = "/en/good-practices/compare/"


@pytest.fixture
def practices(site_tree, locales) -> list[PracticePage]:
    newcomers = factories.TargetGroupFactory(slug="nyanlanda", name="Nyanlända")
    meeting = factories.ApproachFactory(slug="motesplats", name="Mötesplats")
    hylte = site_tree["municipality_sv"]
    hylte.population = 10_300
    hylte.municipality_group = "C8"
    hylte.save_revision().publish()
    other = factories.MunicipalityPageFactory(
        parent=site_tree["municipality_index_sv"], title="Söderhamn", code="2182", county="21"
    )
    pages = []
    for number in range(6):
        page = factories.PracticePageFactory(
            parent=hylte if number % 2 else other,
            title=f"Exempel {number}",
            target_groups=[newcomers],
            what_did_not_work="<p>Kvällstider.</p>" if number == 0 else "",
            funding=[("funding", {"source": "esf", "description": "2019"})] if number else [],
        )
        page.approaches.set([meeting])
        page.participating_municipalities.set([hylte] if number == 0 else [])
        page.save_revision().publish()
        pages.append(page)
    return pages


def url(base: str, pages) -> str:
    return base + query_for(p.pk for p in pages)


def test_parse_ids_keeps_order_drops_duplicates_and_rubbish():
    assert parse_ids(["3", "1", "3", "x", "", "-2", "1" * 12]) == (
        [3, 1],
        ["x", "-2", "1" * 12],
        False,
    )
    ids, _invalid, truncated = parse_ids([str(i) for i in range(1, MAX_COMPARED + 3)])
    assert ids == list(range(1, MAX_COMPARED + 1)) and truncated


def test_route_is_translated_in_both_languages(site_tree):
    index_sv = PracticeIndexPage.objects.get(pk=site_tree["practice_index_sv"].pk)
    index_en = PracticeIndexPage.objects.get(pk=site_tree["practice_index_en"].pk)
    assert index_sv.route_url("compare") == SV_URL
    assert index_en.route_url("compare") == EN_URL
    assert index_sv.route_url("map") == "/sv/goda-exempel/karta/"
    with translation.override("sv"):  # the page's language wins over the active one
        assert index_en.route_url("map") == "/en/good-practices/map/"


@pytest.mark.django_db
def test_comparison_shows_every_row_of_the_record_for_each_practice(client, practices):
    response = client.get(url(SV_URL, practices[:3]))
    assert response.status_code == 200
    html = response.content.decode()
    assert [p.pk for p in response.context["practices"]] == [p.pk for p in practices[:3]]
    for row in (
        "Ägande kommun",
        "Deltagande kommuner",
        "Målgrupper",
        "Arbetssätt",
        "Status och period",
        "Finansiering",
        "Evidensnivå",
        "Nyckeltal",
        "Resultat",
        "Vad som inte fungerade",
        "Överförbarhet",
        "Uppgifterna senast bekräftade",
    ):
        assert f'<th scope="row">{row}</th>' in html, row
    assert html.count('<th scope="col"') == 3
    assert "10\xa0300 invånare" in html  # owner population, grouped the Swedish way
    assert "Kvällstider." in html
    assert "Uppgift saknas" in html  # practice 0 has no funding
    assert 'name="robots" content="noindex' in html


@pytest.mark.django_db
def test_english_comparison_maps_swedish_ids_to_the_translations(client, practices, locales):
    swedish = [practices[1], practices[3]]  # owned by Hylte, which has an English page
    english = [
        factories.translate(p, locales["en"], title=f"Practice {i}", slug=f"practice-{i}")
        for i, p in enumerate(swedish)
    ]
    response = client.get(url(EN_URL, swedish))
    assert [p.pk for p in response.context["practices"]] == [p.pk for p in english]
    html = response.content.decode()
    assert "Owner municipality" in html and "10,000 inhabitants" in html
    # The language switcher keeps the comparison.
    assert f'href="{url(SV_URL, english)}"'.replace("&", "&amp;") in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["?p=abc", "?p=99999999", "?p=", "?p=1&p=2&p=3&p=4&p=5&p=6", "?p=" + "9" * 40, "?p=%00"],
)
def test_bad_ids_give_a_friendly_page_not_an_error(client, practices, query):
    response = client.get(SV_URL + query)
    assert response.status_code == 200
    assert "Jämför goda exempel" in response.content.decode()


@pytest.mark.django_db
def test_unknown_and_draft_ids_are_reported_and_left_out(client, practices, site_tree):
    draft = factories.PracticePageFactory(parent=site_tree["municipality_sv"], live=False)
    response = client.get(f"{SV_URL}?p={practices[0].pk}&p={draft.pk}&p=987654")
    assert [p.pk for p in response.context["practices"]] == [practices[0].pk]
    assert "2 av exemplen i adressen hittades inte" in response.content.decode()
    assert draft.title not in response.content.decode()


@pytest.mark.django_db
def test_private_practices_never_enter_a_comparison(client, practices):
    PageViewRestriction.objects.create(
        page=practices[1], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    response = client.get(url(SV_URL, practices[:2]))
    assert [p.pk for p in response.context["practices"]] == [practices[0].pk]


@pytest.mark.django_db
def test_more_than_four_shows_the_first_four_and_says_so(client, practices):
    response = client.get(url(SV_URL, practices[:6]))
    assert [p.pk for p in response.context["practices"]] == [p.pk for p in practices[:4]]
    assert "Högst 4 exempel kan jämföras" in response.content.decode()


@pytest.mark.django_db
def test_remove_links_and_the_swap_form_work_without_javascript(client, practices):
    response = client.get(url(SV_URL, practices[:2]))
    html = response.content.decode()
    assert f'href="?p={practices[1].pk}"' in html  # "Ta bort" the first
    suggested = {p.pk for p in response.context["comparison"].suggestions}
    assert suggested == {p.pk for p in practices[2:]}  # same target group and approach
    assert f'name="p" value="{practices[2].pk}"' in html
    assert '<form class="compare__change no-print" method="get"' in html


@pytest.mark.django_db
def test_empty_comparison_explains_what_to_do(client, site_tree):
    response = client.get(SV_URL)
    assert response.status_code == 200
    assert "Välj två till fyra goda exempel" in response.content.decode()


def _statements(client, path: str) -> int:
    client.get(path)  # warm up per-process caches (content types, locales)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_number_compared(client, practices):
    two = _statements(client, url(SV_URL, practices[:2]))
    four = _statements(client, url(SV_URL, practices[:4]))
    assert four == two
    assert four <= 30


@pytest.mark.django_db
def test_cards_and_practice_pages_link_to_the_comparison(client, practices):
    index = client.get(f"/sv/goda-exempel/?p={practices[0].pk}").content.decode()
    assert f'href="{SV_URL}?p={practices[0].pk}&amp;p={practices[1].pk}"' in index
    assert "1 exempel valt för jämförelse." in index
    page = client.get(practices[2].url).content.decode()
    assert f'href="{SV_URL}?p={practices[2].pk}"' in page
    assert "Skriv ut / spara som PDF" in page
