"""The practice index: filters, pagination, bad query strings and a bounded number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.models import PracticePage, TargetGroup
from tests import factories


@pytest.fixture
def catalogue(site_tree, locales):
    """Two municipalities in two counties, practices with taxonomy, and an English translation."""
    newcomers = factories.TargetGroupFactory(slug="nyanlanda", name="Nyanlända")
    children = factories.TargetGroupFactory(slug="barn", name="Barn och unga")
    meeting = factories.ApproachFactory(slug="motesplats", name="Mötesplats")
    network = factories.ApproachFactory(slug="natverk", name="Nätverk")
    hylte = site_tree["municipality_sv"]
    soderhamn = factories.MunicipalityPageFactory(
        parent=site_tree["municipality_index_sv"],
        title="Söderhamn",
        slug="soderhamn",
        code="2182",
        county="21",
    )
    cafe = factories.PracticePageFactory(
        parent=hylte, title="Språkcafé", status="ongoing", target_groups=[newcomers]
    )
    cafe.approaches.set([meeting])
    cafe.save_revision().publish()
    factories.PracticePageFactory(
        parent=soderhamn, title="Integrationsnätverket", status="regular", approaches=[network]
    )
    factories.PracticePageFactory(
        parent=soderhamn, title="Läxhjälp", status="ended", target_groups=[children]
    )
    draft = factories.PracticePageFactory(parent=hylte, title="Utkastet", live=False)
    en_newcomers = newcomers.copy_for_translation(locales["en"])
    en_newcomers.name = "Newcomers"
    en_newcomers.save()
    factories.translate(cafe, locales["en"], title="Language café", slug="language-cafe")
    return {"cafe": cafe, "draft": draft, "soderhamn": soderhamn}


def titles(response) -> list[str]:
    return [p.title for p in response.context["practices"]]


@pytest.mark.django_db
def test_index_lists_live_practices_of_the_active_language_only(client, catalogue):
    response = client.get("/sv/goda-exempel/")
    assert response.status_code == 200
    assert sorted(titles(response)) == ["Integrationsnätverket", "Läxhjälp", "Språkcafé"]
    assert "Utkastet" not in response.content.decode()
    response = client.get("/en/good-practices/")
    assert titles(response) == ["Language café"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("target_group=nyanlanda", ["Språkcafé"]),
        ("approach=natverk", ["Integrationsnätverket"]),
        ("municipality=2182", ["Integrationsnätverket", "Läxhjälp"]),
        ("county=13", ["Språkcafé"]),
        ("status=ended&status=regular", ["Integrationsnätverket", "Läxhjälp"]),
        ("county=21&status=ended", ["Läxhjälp"]),
        ("target_group=nyanlanda&county=21", []),
    ],
)
def test_filters_combine(client, catalogue, query, expected):
    response = client.get(f"/sv/goda-exempel/?{query}")
    assert response.status_code == 200
    assert sorted(titles(response)) == expected


@pytest.mark.django_db
def test_filter_on_english_page_uses_shared_slug(client, catalogue):
    response = client.get("/en/good-practices/?target_group=nyanlanda")
    assert titles(response) == ["Language café"]
    assert "Newcomers" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=99999",
        "page=1.5",
        "target_group=does-not-exist",
        "county=99",
        "status=<script>alert(1)</script>",
        "municipality=' OR 1=1 --",
        "page=" + "9" * 400,
    ],
)
def test_bad_query_strings_never_break_the_index(client, catalogue, query):
    response = client.get(f"/sv/goda-exempel/?{query}")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
def test_unknown_filter_value_is_ignored_not_fatal(client, catalogue):
    response = client.get("/sv/goda-exempel/?target_group=nope&approach=natverk")
    assert titles(response) == ["Integrationsnätverket"]


@pytest.mark.django_db
def test_pagination(client, site_tree):
    for number in range(15):
        factories.PracticePageFactory(parent=site_tree["municipality_sv"], title=f"P {number:02d}")
    first = client.get("/sv/goda-exempel/")
    assert len(titles(first)) == 12
    second = client.get("/sv/goda-exempel/?page=2")
    assert len(titles(second)) == 3
    assert 'rel="prev"' in second.content.decode()
    assert set(titles(first)).isdisjoint(titles(second))


@pytest.mark.django_db
def test_listing_issues_a_bounded_number_of_queries(client, site_tree):
    group = factories.TargetGroupFactory(slug="g", name="G")

    def count_queries() -> int:
        client.get("/sv/goda-exempel/")  # warm caches (site root, locales)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/sv/goda-exempel/")
        assert response.status_code == 200
        return len(ctx.captured_queries)

    factories.PracticePageFactory(parent=site_tree["municipality_sv"], target_groups=[group])
    few = count_queries()
    for _ in range(10):
        factories.PracticePageFactory(parent=site_tree["municipality_sv"], target_groups=[group])
    many = count_queries()
    assert many == few, f"{few} queries for 1 practice but {many} for 11"


def test_pagination_links_stay_few_with_many_pages():
    """First, last and two on each side of the current page, whatever the number of pages."""
    from django.core.paginator import Paginator

    from core.templatetags.platform_tags import page_numbers

    paginator = Paginator(range(10_000), 12)  # 834 pages
    assert page_numbers(paginator.page(1)) == [1, 2, 3, 834]
    assert page_numbers(paginator.page(400)) == [1, 398, 399, 400, 401, 402, 834]
    assert page_numbers(paginator.page(834)) == [1, 832, 833, 834]
    assert page_numbers(Paginator(range(30), 12).page(2)) == [1, 2, 3]


@pytest.fixture
def themes(catalogue, site_tree, locales):
    """Three Swedish themes: by target group, curated only, and empty; one in English."""
    index = site_tree["theme_index_sv"]
    by_group = factories.ThemePageFactory(parent=index, title="Nyanlända", slug="nyanlanda")
    by_group.target_groups.set([TargetGroup.objects.get(slug="nyanlanda", locale=locales["sv"])])
    by_group.save_revision().publish()
    # Läxhjälp is curated here and also matches by its target group: counted once.
    curated = factories.ThemePageFactory(parent=index, title="Läxor", slug="laxor")
    homework = PracticePage.objects.get(title="Läxhjälp")
    curated.curated_practices.create(practice=homework)
    curated.target_groups.set([homework.target_groups.get()])
    curated.save_revision().publish()
    factories.ThemePageFactory(parent=index, title="Tomt", slug="tomt")
    factories.PracticePageFactory(
        parent=site_tree["municipality_sv"],
        title="Opublicerat",
        live=False,
        target_groups=list(by_group.target_groups.all()),
    )
    english = factories.translate(by_group, locales["en"], title="Newcomers", slug="newcomers")
    return {"by_group": by_group, "curated": curated, "english": english}


def theme_counts(html: str) -> dict[str, str]:
    return dict(
        re.findall(
            r'<a href="[^"]+">([^<]+)</a></h2><p class="card__meta theme-count">([^<]+)<', html
        )
    )


@pytest.mark.django_db
def test_theme_cards_show_the_published_practices_in_the_readers_language(client, themes):
    html = client.get("/sv/teman/").content.decode()
    # Språkcafé (Nyanlända); Läxhjälp curated and matching (once); the draft and the English
    # translation are not counted.
    assert theme_counts(html) == {
        "Nyanlända": "1 exempel",
        "Läxor": "1 exempel",
        "Tomt": "0 exempel",
    }
    english = client.get("/en/themes/").content.decode()
    assert theme_counts(english) == {"Newcomers": "1 practice"}
    # The home page's list of themes says the same.
    home = client.get("/sv/").content.decode()
    assert 'Nyanlända <span class="theme-count">1 exempel</span>' in home


@pytest.mark.django_db
def test_theme_index_counts_cost_a_fixed_number_of_queries(client, themes, site_tree):
    def count_queries() -> int:
        client.get("/sv/teman/")  # warm caches (site root, locales)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/sv/teman/")
        assert response.status_code == 200
        return len(ctx.captured_queries)

    few = count_queries()
    group = themes["by_group"].target_groups.get()
    for number in range(6):
        theme = factories.ThemePageFactory(
            parent=site_tree["theme_index_sv"], title=f"Tema {number}", slug=f"tema-{number}"
        )
        theme.target_groups.set([group])
        theme.save_revision().publish()
        factories.PracticePageFactory(parent=site_tree["municipality_sv"], target_groups=[group])
    many = count_queries()
    assert many == few, f"{few} queries for 3 themes but {many} for 9"
