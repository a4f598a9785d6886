"""HomePage.route finds a page by its whole path in one query, with Wagtail's outcomes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from tests import factories


@pytest.mark.django_db
def test_deep_pages_are_found_in_both_languages(client, site_tree, locales):
    practice = factories.PracticePageFactory(parent=site_tree["municipality_sv"], slug="cafe")
    english = factories.translate(practice, locales["en"], title="Café", slug="cafe-en")
    for page in (practice, english, site_tree["municipality_en"], site_tree["theme_index_sv"]):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert response.context["page"].pk == page.pk


@pytest.mark.django_db
def test_routing_costs_the_same_at_any_depth(client, site_tree):
    practice = factories.PracticePageFactory(parent=site_tree["municipality_sv"], slug="cafe")
    home = site_tree["home_sv"].specific
    request = client.get("/sv/").wsgi_request
    with CaptureQueriesContext(connection) as shallow:
        found = home.route(request, ["kommuner"])
    assert found.page.pk == site_tree["municipality_index_sv"].pk
    with CaptureQueriesContext(connection) as deep:
        found = home.route(request, practice.url_path.removeprefix(home.url_path).split("/")[:-1])
    assert found.page.pk == practice.pk
    assert len(deep) == len(shallow) <= 2


@pytest.mark.django_db
def test_unpublished_and_unknown_pages_are_not_found(client, site_tree):
    draft = factories.PracticePageFactory(parent=site_tree["municipality_sv"], slug="utkast")
    draft.unpublish()
    assert client.get("/sv/kommuner/hylte/utkast/").status_code == 404
    assert client.get("/sv/kommuner/hylte/finns-inte/").status_code == 404
    assert client.get("/sv/kommuner/hylte/%00/").status_code in (400, 404)


@pytest.mark.django_db
def test_a_page_below_an_unpublished_parent_is_served_as_wagtail_would(client, site_tree):
    # Wagtail checks only the page itself: its parents may be drafts.
    municipality = factories.MunicipalityPageFactory(
        parent=site_tree["municipality_index_sv"], slug="ny", code="1380", live=False
    )
    practice = factories.PracticePageFactory(parent=municipality, slug="cafe")
    assert client.get("/sv/kommuner/ny/cafe/").status_code == 200
    assert Page.objects.get(pk=practice.pk).live
