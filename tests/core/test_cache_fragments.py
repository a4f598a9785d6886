"""Menu, footer links and language alternates are reused across requests until a purge."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import cache as page_cache
from tests import factories


@pytest.fixture
def fragment_cache(settings):
    settings.FRAGMENT_CACHE_SECONDS = 60
    cache.clear()
    page_cache._forget_generation()
    yield
    cache.clear()
    page_cache._forget_generation()


@pytest.mark.django_db
def test_a_second_uncached_render_runs_fewer_queries(client, practice, fragment_cache):
    client.get(practice.url)
    with CaptureQueriesContext(connection) as first:
        client.get(practice.url)
    page_cache.purge_page_cache()
    with CaptureQueriesContext(connection) as after_purge:
        client.get(practice.url)
    with CaptureQueriesContext(connection) as again:
        response = client.get(practice.url)
    assert response.status_code == 200
    assert len(again) == len(first)
    assert len(after_purge) > len(again), "a purge rebuilds the fragments"


@pytest.mark.django_db
def test_publishing_a_menu_page_shows_at_once(client, site_tree, fragment_cache):
    home = site_tree["home_sv"]
    before = client.get(home.url).content.decode()
    page = factories.StandardPageFactory(
        parent=home, title="Om plattformen", slug="om", show_in_menus=True, live=False
    )
    page.save_revision().publish()
    after = client.get(home.url).content.decode()
    assert "Om plattformen" not in before
    assert "Om plattformen" in after
    page.refresh_from_db()
    page.unpublish()
    assert "Om plattformen" not in client.get(home.url).content.decode()


@pytest.mark.django_db
def test_a_cache_outage_only_costs_queries(client, practice, fragment_cache, monkeypatch):
    class BrokenCache:
        def get(self, *args, **kwargs):
            raise ConnectionError("cache down")

        set = get

    monkeypatch.setattr(page_cache, "current_generation", lambda: 0)
    monkeypatch.setattr(page_cache, "_cache", BrokenCache)
    response = client.get(practice.url)
    assert response.status_code == 200
    assert practice.title in response.content.decode()


@pytest.mark.django_db
def test_the_language_switch_of_the_search_page_keeps_the_query(client, site_tree):
    html = client.get("/sv/sok/?q=skola").content.decode()
    assert 'href="/en/search/?q=skola" hreflang="en"' in html


@pytest.mark.django_db
def test_a_new_term_appears_in_the_practice_filters_at_once(client, site_tree, fragment_cache):
    # The filters offer only values that practices use (issue 14), so a term shows up as soon
    # as a published practice uses it, whatever the cached choices held before.
    index = site_tree["practice_index_sv"]

    def publish_with(term):
        practice = factories.PracticePageFactory(parent=site_tree["municipality_sv"])
        practice.target_groups.set([term])
        practice.save_revision().publish()

    parents = factories.TargetGroupFactory(slug="foraldrar", name="Föräldrar")
    publish_with(parents)
    assert "Föräldrar" in client.get(index.url).content.decode()
    seniors = factories.TargetGroupFactory(slug="seniorer", name="Seniorer")
    assert "Seniorer" not in client.get(index.url).content.decode()  # no practice yet
    publish_with(seniors)
    html = client.get(index.url).content.decode()
    assert "Föräldrar" in html and "Seniorer" in html


@pytest.mark.django_db
def test_the_municipality_chooser_follows_the_language(client, site_tree, fragment_cache):
    from django.utils import translation

    from learning.forms import municipality_choices

    def labels() -> list[str]:
        choices = municipality_choices()
        return [str(choices[0][1])] + [str(group) for group, _options in choices[1:]]

    with translation.override("sv"):
        swedish = labels()
    with translation.override("en"):
        english = labels()
    assert swedish == ["Välj din kommun", "Hallands län"]
    assert english[0] == "Choose your municipality"


@pytest.mark.django_db
def test_making_a_page_private_takes_effect_at_once(client, practice, fragment_cache):
    from wagtail.models import PageViewRestriction

    assert client.get(practice.url).status_code == 200
    with CaptureQueriesContext(connection) as public:
        client.get(practice.url)
    assert not any("pageviewrestriction" in q["sql"] for q in public.captured_queries)
    PageViewRestriction.objects.create(
        page=practice, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    response = client.get(practice.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="password"' in html
    assert practice.summary not in html


@pytest.mark.django_db
def test_site_settings_in_the_footer_follow_a_change(client, site_tree, fragment_cache):
    from core.models import SiteSettings

    home = site_tree["home_sv"]
    site_settings = SiteSettings.load()
    site_settings.contact_email = "forsta@larplattformen.example"
    site_settings.save()
    assert "forsta@larplattformen.example" in client.get(home.url).content.decode()
    site_settings.contact_email = "andra@larplattformen.example"
    site_settings.save()
    html = client.get(home.url).content.decode()
    assert "andra@larplattformen.example" in html
    assert "forsta@larplattformen.example" not in html


@pytest.mark.django_db
def test_the_site_is_looked_up_once_per_purge(client, site_tree, fragment_cache):
    home = site_tree["home_sv"]
    client.get(home.url)
    with CaptureQueriesContext(connection) as second:
        assert client.get(home.url).status_code == 200
    assert not any('FROM "wagtailcore_site"' in q["sql"] for q in second.captured_queries)


@pytest.mark.django_db
def test_cached_search_hits_follow_a_publish(client, site_tree, fragment_cache):
    from django.db import connection as db

    municipality = site_tree["municipality_sv"]
    first = factories.PracticePageFactory(parent=municipality, title="Cykelskola", live=False)
    first.save_revision().publish()

    def titles() -> list[str]:
        response = client.get("/sv/sok/?q=cykelskola")
        return sorted(item.page.title for item in response.context["results"])

    def matches(captured) -> list[str]:
        # The full-text match: FTS5 MATCH on SQLite, @@ on PostgreSQL.
        return [
            q["sql"]
            for q in captured.captured_queries
            if " MATCH " in q["sql"] or " @@ " in q["sql"]
        ]

    with CaptureQueriesContext(db) as first_search:
        assert titles() == ["Cykelskola"]
    assert matches(first_search)
    with CaptureQueriesContext(db) as again:
        assert titles() == ["Cykelskola"]
    assert not matches(again)
    second = factories.PracticePageFactory(
        parent=municipality, title="Cykelskola för vuxna", live=False
    )
    second.save_revision().publish()
    assert titles() == ["Cykelskola", "Cykelskola för vuxna"]


@pytest.mark.django_db
def test_cached_searches_keep_filters_and_order_apart(client, site_tree, fragment_cache):
    municipality = site_tree["municipality_sv"]
    youth = factories.TargetGroupFactory(slug="unga", name="Unga")
    for title, groups in (("Cykelskola för unga", [youth]), ("Cykelskola för vuxna", [])):
        practice = factories.PracticePageFactory(parent=municipality, title=title, live=False)
        practice.target_groups.set(groups)
        practice.save_revision().publish()

    def titles(query: str) -> list[str]:
        response = client.get("/sv/sok/?" + query)
        return [item.page.title for item in response.context["results"]]

    everything = sorted(titles("q=cykelskola"))
    assert everything == ["Cykelskola för unga", "Cykelskola för vuxna"]
    assert titles("q=cykelskola&target_group=unga") == ["Cykelskola för unga"]
    assert sorted(titles("q=cykelskola")) == everything
    assert titles("q=cykelskola&target_group=unga") == ["Cykelskola för unga"]


@pytest.mark.django_db
def test_a_made_up_host_is_refused_and_not_cached(client, site_tree, fragment_cache, settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    assert client.get(site_tree["home_sv"].url).status_code == 200
    assert any(":site:testserver:" in str(key) for key in cache._cache)
    response = client.get(site_tree["home_sv"].url, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert not any("evil.example" in str(key) for key in cache._cache)
