"""What a reader sees around a practice: honest adaptation counts, short breadcrumbs, "Siffror"."""

import pytest

from tests import factories


@pytest.mark.django_db
def test_adapting_its_own_practice_is_not_counted_as_spread(client, site_tree):
    hylte = site_tree["municipality_sv"]
    original = factories.PracticePageFactory(parent=hylte, title="Originalet")
    factories.PracticePageFactory(parent=hylte, title="Hyltes egen variant", adapted_from=original)
    html = client.get(original.url).content.decode()
    assert "Anpassat av 1 kommun" not in html
    assert "Anpassat inom samma kommun:" in html
    other = factories.MunicipalityPageFactory(
        parent=site_tree["municipality_index_sv"], title="Laholm", code="1381", county="13"
    )
    factories.PracticePageFactory(parent=other, title="Laholms variant", adapted_from=original)
    assert "Anpassat av 1 kommun:" in client.get(original.url).content.decode()


@pytest.mark.django_db
def test_breadcrumb_starts_with_a_short_home_link(client, practice):
    html = client.get(practice.url).content.decode()
    crumbs = html[html.index('class="breadcrumbs"') :]
    assert crumbs.index('<a href="/sv/">Start</a>') < crumbs.index("</ol>")


@pytest.mark.django_db
def test_in_numbers_is_in_the_main_menu_with_a_breadcrumb(client, site_tree):
    for key in ("practice_index_sv", "practice_index_en"):
        site_tree[key].show_in_menus = True
        site_tree[key].save_revision().publish()
    html = client.get("/sv/siffror/").content.decode()
    menu = html[html.index('aria-label="Huvudmeny"') :]
    assert '<a href="/sv/siffror/" aria-current="page">Siffror</a>' in menu
    crumbs = html[html.index('class="breadcrumbs"') :]
    assert '<span aria-current="page">Siffror</span>' in crumbs[: crumbs.index("</nav>")]
    assert 'href="/en/in-numbers/"' in client.get("/en/").content.decode()
