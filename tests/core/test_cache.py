"""The anonymous page cache: hits need no database, and publishing purges at once."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from core import cache as page_cache
from tests import factories

HEADER = "X-Page-Cache"


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    page_cache._forget_generation()
    yield
    cache.clear()
    page_cache._forget_generation()


def status(response) -> str | None:
    return response.headers.get(HEADER)


def test_second_anonymous_request_is_served_from_cache_without_queries(
    cached, client, practice, django_assert_num_queries
):
    first = client.get(practice.url)
    assert first.status_code == 200 and status(first) == "miss"
    with django_assert_num_queries(0):
        second = client.get(practice.url)
    assert status(second) == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # Headers added outside the cache are on hits too.
    assert "Content-Security-Policy" in second
    assert "Permissions-Policy" in second
    assert client.head(practice.url).status_code == 200


def test_publishing_through_the_admin_purges(cached, client, admin_client, practice):
    assert practice.title.encode() in client.get(practice.url).content
    assert status(client.get(practice.url)) == "hit"
    data = nested_form_data(
        {
            "title": "Helt ny rubrik",
            "slug": practice.slug,
            "summary": "Ny sammanfattning",
            "status": "ongoing",
            "evidence_level": "internal",
            "last_verified": "2026-01-01",
            "key_figures": streamfield([]),
            "funding": streamfield([]),
            "partners": streamfield([]),
            "sources": streamfield([]),
            "body": streamfield([]),
            "contact_links": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[practice.pk]), data)
    assert response.status_code == 302, response.content[:2000]
    after = client.get(practice.url)
    assert status(after) == "miss"
    assert b"Helt ny rubrik" in after.content


def test_saving_a_draft_keeps_the_published_page_cached(cached, client, practice):
    client.get(practice.url)
    practice.title = "Utkast"
    practice.save_revision()  # not published: readers still see the live version
    response = client.get(practice.url)
    assert status(response) == "hit"
    assert b"Utkast" not in response.content


def test_unpublish_purges(cached, client, practice):
    client.get(practice.url)
    practice.unpublish()
    assert client.get(practice.url).status_code == 404


def test_move_purges(cached, client, site_tree, practice):
    old_url = practice.url
    client.get(old_url)
    other = factories.MunicipalityPageFactory(
        parent=site_tree["municipality_index_sv"], title="Halmstad", slug="halmstad", code="1380"
    )
    practice.move(other, pos="last-child")
    # Wagtail leaves a redirect at the old address; the cached page must not shadow it.
    moved = client.get(old_url)
    assert moved.status_code == 301
    assert client.get(moved["Location"]).status_code == 200


def test_delete_purges(cached, client, practice):
    url = practice.url
    client.get(url)
    practice.delete()
    assert client.get(url).status_code == 404


def test_listing_is_purged_when_a_practice_is_published(cached, client, site_tree):
    index_url = site_tree["practice_index_sv"].url
    client.get(index_url)
    new = factories.PracticePageFactory(
        parent=site_tree["municipality_sv"], title="Nyss publicerad", live=False
    )
    new.save_revision().publish()
    response = client.get(index_url)
    assert status(response) == "miss"
    assert b"Nyss publicerad" in response.content


def test_snippet_change_purges(cached, client, practice):
    group = factories.TargetGroupFactory(name="Unga vuxna", slug="unga-vuxna")
    practice.target_groups.add(group)
    practice.save_revision().publish()
    client.get(practice.url)
    group.name = "Unga vuxna 18–25"
    group.save()
    response = client.get(practice.url)
    assert status(response) == "miss"


def test_logged_in_editors_bypass_the_cache(cached, client, admin_client, practice):
    editor_view = admin_client.get(practice.url)
    assert editor_view.status_code == 200 and status(editor_view) is None
    # And what the editor saw was not stored for readers.
    assert status(client.get(practice.url)) == "miss"


def test_previews_are_never_cached(cached, admin_client, practice):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[practice.pk])
    assert status(admin_client.get(url)) is None


def test_previews_neither_read_nor_fill_the_cache(cached, client, practice):
    client.get(practice.url)  # the published version is now cached
    draft = practice.get_latest_revision_as_object()
    draft.title = "Opublicerat utkast"
    practice.save_revision()
    draft.save_revision()
    # Wagtail renders previews through the middleware with a dummy request for the public URL.
    preview = draft.make_preview_request()
    assert b"Opublicerat utkast" in preview.content
    public = client.get(practice.url)
    assert status(public) == "hit" and b"Opublicerat utkast" not in public.content


def test_pages_with_a_csrf_token_are_not_stored(cached, client, practice):
    PageViewRestriction.objects.create(
        page=practice, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    first = client.get(practice.url)
    assert b"csrfmiddlewaretoken" in first.content
    second = client.get(practice.url)
    assert status(first) is None and status(second) is None


def test_search_is_not_cached_so_every_query_is_counted(cached, client, site_tree):
    url = reverse("search:search") + "?q=skola"
    client.get(url)
    assert status(client.get(url)) is None


def test_languages_and_query_strings_are_cached_separately(cached, client, site_tree):
    sv = client.get(site_tree["home_sv"].url)
    en = client.get(site_tree["home_en"].url)
    assert status(sv) == status(en) == "miss"
    assert sv.content != en.content
    index = site_tree["practice_index_sv"].url
    client.get(index)
    assert status(client.get(index + "?status=ongoing")) == "miss"
    assert status(client.get(index + "?status=ongoing")) == "hit"


def test_post_and_errors_are_not_cached(cached, client, site_tree):
    client.get("/sv/finns-inte/")
    assert status(client.get("/sv/finns-inte/")) is None
    home = site_tree["home_sv"].url
    client.post(home)
    assert status(client.get(home)) == "miss"


def test_health_and_admin_are_never_cached(cached, client, site_tree):
    for url in ("/health/", reverse("wagtailadmin_login")):
        client.get(url)
        assert status(client.get(url)) is None


def test_cache_disabled_by_default_in_tests(client, practice):
    assert status(client.get(practice.url)) is None


def test_an_unreachable_cache_does_not_take_the_site_down(cached, client, practice):
    with mock.patch.object(page_cache, "_cache") as broken:
        broken.return_value.get.side_effect = ConnectionError("cache down")
        broken.return_value.incr.side_effect = ConnectionError("cache down")
        response = client.get(practice.url)
        assert response.status_code == 200
        page_cache.purge_page_cache()  # publishing must not fail either


def test_a_purge_by_another_process_shows_within_the_memo_time(cached, client, practice):
    client.get(practice.url)
    assert status(client.get(practice.url)) == "hit"
    cache.incr(page_cache.GENERATION_KEY)  # what another worker's publish does in Redis
    page_cache._generation_memo = (page_cache._generation_memo[0], 0.0)  # a second later
    assert status(client.get(practice.url)) == "miss"


def test_purge_creates_the_counter_when_it_is_missing(cached):
    before = page_cache.current_generation()
    cache.delete(page_cache.GENERATION_KEY)  # evicted
    page_cache.purge_page_cache()
    started = page_cache.current_generation()
    page_cache.purge_page_cache()
    # Restarted above the old value (its pages must not come back), then counting on.
    assert started > before
    assert page_cache.current_generation() == started + 1


@pytest.mark.django_db
def test_responses_that_vary_on_a_header_are_kept_apart_by_its_value(cached):
    from django.http import HttpResponse
    from django.test import RequestFactory

    calls = []

    def view(request):
        calls.append(request)
        response = HttpResponse(f"for {request.META.get('HTTP_X_READER_KIND', 'anyone')}")
        response["Vary"] = "X-Reader-Kind, Accept-Encoding"
        return response

    middleware = page_cache.AnonymousPageCacheMiddleware(view)
    factory = RequestFactory()

    def get(**headers):
        return middleware(factory.get("/sv/vary/", **headers))

    officer = get(HTTP_X_READER_KIND="officer")
    assert officer.content == b"for officer" and status(officer) == "miss"
    # Another value of the varied header is never served the first reader's page.
    researcher = get(HTTP_X_READER_KIND="researcher")
    assert researcher.content == b"for researcher" and status(researcher) == "miss"
    again = get(HTTP_X_READER_KIND="officer")
    assert again.content == b"for officer" and status(again) == "hit"
    assert get(HTTP_X_READER_KIND="researcher").content == b"for researcher"
    assert len(calls) == 2
    # The header names are matched case-insensitively, as HTTP says.
    assert page_cache.response_vary_headers(officer) == ("accept-encoding", "x-reader-kind")


def test_no_project_receiver_listens_to_every_model():
    """Each app names the models it reacts to; nothing of ours runs on every save or delete."""
    import sys
    import weakref
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings
    from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
    from django.dispatch.dispatcher import _make_id

    # The project's own apps: in the checkout, not installed packages (the venv may be in it).
    ours = {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(settings.BASE_DIR)
        and not Path(config.path).is_relative_to(sys.prefix)
    }
    assert {"core", "practices", "municipalities"} <= ours
    everyone = _make_id(None)
    unscoped = []
    for signal in (pre_save, post_save, pre_delete, post_delete):
        for entry in signal.receivers:
            (_, sender_id), reference = entry[0], entry[1]
            receiver = reference() if isinstance(reference, weakref.ReferenceType) else reference
            module = getattr(receiver, "__module__", "") or ""
            if sender_id == everyone and module.split(".")[0] in ours:
                unscoped.append(f"{module}.{getattr(receiver, '__name__', receiver)}")
    assert unscoped == []
    # The content apps registered what their pages show.
    registered = {key[0][1] for key in post_save.receivers}
    from municipalities.models import ContactPerson
    from practices.models import Approach, TargetGroup

    for model in (ContactPerson, TargetGroup, Approach):
        assert _make_id(model) in registered
