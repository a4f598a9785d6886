"""The page explorer's query count does not grow with the number of rows (bench/admin.py).

An editor exploring their municipality, and a project manager exploring the municipality index
(where wagtail-localize's translation buttons used to cost two or three queries per row, see
municipalities/explorer.py), make the same number of queries with few rows as with many.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from wagtail import hooks
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from municipalities import explorer
from municipalities.models import MunicipalityIndexPage, MunicipalityPage
from practices.models import PracticePage
from tests import factories
from tests.municipalities.roles_world import World, page

pytestmark = pytest.mark.django_db

Explore = Callable[[], tuple[int, list[Page]]]


def explorer_of(world: World, role: str, parent_pk: int) -> Explore:
    """Request the explorer of ``parent_pk``: (number of queries, rows listed)."""
    client = Client()
    client.force_login(world.users[role])
    url = reverse("wagtailadmin_explore", args=[parent_pk])

    def explore() -> tuple[int, list[Page]]:
        client.get(url)  # warm: Wagtail and Django cache content types, sites, locales
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries.captured_queries), list(response.context["object_list"])

    return explore


def add_practices(world: World, key: str, count: int) -> None:
    """Practices of several kinds, so that each kind of row is counted: live, draft, own."""
    municipality = page(world.sides[key].municipality)
    editor = world.users["editor_a"]
    existing = municipality.get_children().count()
    for n in range(existing, existing + count):
        practice = factories.PracticePageFactory(
            parent=municipality,
            title=f"Tillagd {n}",
            slug=f"tillagd-{n}",
            live=n % 3 != 0,
            owner=editor if n % 2 else None,
        )
        practice.save_revision(user=editor)


def test_editor_explorer_queries_do_not_grow_with_practices(world: World) -> None:
    explore = explorer_of(world, "editor_a", world.sides["A"].municipality)
    existing = PracticePage.objects.child_of(page(world.sides["A"].municipality)).count()
    add_practices(world, "A", 5 - existing)
    few_queries, few_rows = explore()
    add_practices(world, "A", 20)
    many_queries, many_rows = explore()

    assert len(few_rows) == 5
    assert len(many_rows) == 25
    assert {row.pk for row in few_rows} < {row.pk for row in many_rows}
    assert many_queries == few_queries, (few_queries, many_queries)


def test_project_manager_explorer_queries_do_not_grow_with_municipalities(world: World) -> None:
    index = MunicipalityIndexPage.objects.get(locale=world.locales["sv"])
    explore = explorer_of(world, "pm", index.pk)
    few_queries, few_rows = explore()
    for n in range(6):
        # Not translated: each of these rows gets wagtail-localize's "Translate this page".
        factories.MunicipalityPageFactory(
            parent=index, title=f"Kommun {n}", slug=f"kommun-{n}", code=f"14{60 + n}", county="14"
        )
    many_queries, many_rows = explore()

    assert len(many_rows) == len(few_rows) + 6
    assert many_queries == few_queries, (few_queries, many_queries)


def _buttons(buttons: Any) -> list[tuple[str, str]]:
    return sorted((str(button.label), button.url) for button in buttons)


def test_translation_buttons_are_wagtail_localizes(world: World) -> None:
    """The annotated buttons are those wagtail-localize computes row by row, for every row."""
    pm = world.users["pm"]
    side = world.sides["A"]
    municipality = page(side.municipality)
    index = MunicipalityIndexPage.objects.get(locale=world.locales["sv"])
    factories.MunicipalityPageFactory(
        parent=index, title="Otolkad", slug="otolkad", code="1499", county="14"
    )
    original = explorer.localize_listing_buttons()
    next_url = "/admin/pages/"
    seen: set[str] = set()
    for parent in (municipality, index):
        rows = explorer.annotate_translation_buttons(Page.objects.child_of(parent).specific(), pm)
        for row in rows:
            ours = _buttons(explorer.translation_listing_buttons(row, pm, next_url=next_url))
            theirs = _buttons(original(Page.objects.get(pk=row.pk), pm, next_url=next_url))
            assert ours == theirs, row
            seen.update(resolve(url.split("?")[0]).url_name for _label, url in ours)
    # Both kinds of button occur: the comparison above is not vacuous. (The submit URL is
    # wagtail-localize's path, served by the scoped view of wagtail_hooks.py.)
    assert seen == {"municipalities_submit_page_translation", "update_translations"}

    # In the explorer itself: the practice translated with wagtail-localize can be synced,
    # the never-translated draft can be translated.
    client = Client()
    client.force_login(pm)
    response = client.get(reverse("wagtailadmin_explore", args=[side.municipality]))
    html = response.content.decode()
    source = TranslationSource.objects.get_for_instance(page(side.practice))
    assert reverse("wagtail_localize:submit_page_translation", args=[side.draft]) in html
    assert reverse("wagtail_localize:update_translations", args=[source.pk]) in html


def test_editors_get_no_translation_buttons(world: World) -> None:
    editor = world.users["editor_a"]
    rows = explorer.annotate_translation_buttons(
        Page.objects.child_of(page(world.sides["A"].municipality)).specific(), editor
    )
    for row in rows:
        assert not hasattr(row, explorer.HAS_UNTRANSLATED)  # nothing computed for them
        assert list(explorer.translation_listing_buttons(row, editor)) == []


def test_wagtail_localize_listing_hook_is_replaced(world: World) -> None:
    """Fails if a Wagtail or wagtail-localize upgrade changes the hook registry under us."""
    explore = explorer_of(world, "pm", world.sides["A"].municipality)
    explore()
    listing = hooks.get_hooks(explorer.LISTING_HOOK)
    assert explorer.translation_listing_buttons in listing
    assert explorer.localize_listing_buttons() not in listing
    # The header (one page) keeps wagtail-localize's own function.
    assert explorer.localize_listing_buttons() in hooks.get_hooks("register_page_header_buttons")
    # The replacement asks the database nothing per row.
    rows = list(
        explorer.annotate_translation_buttons(
            Page.objects.child_of(page(world.sides["A"].municipality)).specific(),
            world.users["pm"],
        )
    )
    assert len(rows) == 3
    with CaptureQueriesContext(connection) as queries:
        buttons = [
            list(explorer.translation_listing_buttons(row, world.users["pm"], next_url="/"))
            for row in rows
        ]
    assert queries.captured_queries == []
    assert all(buttons)  # each row has at least one translation button


def _people(response: Any, name: str) -> set[int]:
    return {int(str(choice.data["value"])) for choice in response.context["filters"].form[name]}


def test_people_filters_offer_only_the_listed_pages_people(world: World) -> None:
    """Owner and Edited by list the people of the pages listed, not every user of the site."""
    users = get_user_model().objects
    authors = {key: users.get(username=f"author_{key.lower()}") for key in "AB"}
    for key, author in authors.items():
        # An edit by each author, so that "Edited by" has someone to offer.
        page(world.sides[key].draft).save_revision(user=author, log_action=True)
    side_a = world.sides["A"]

    editor = Client()
    editor.force_login(world.users["editor_a"])
    explore_a = reverse("wagtailadmin_explore", args=[side_a.municipality])
    response = editor.get(explore_a)
    assert response.status_code == 200
    assert _people(response, "owner") == {authors["A"].pk}
    assert _people(response, "edited_by") == {authors["A"].pk}
    assert "author_b" not in response.content.decode()

    # The filter still filters.
    response = editor.get(explore_a, {"owner": authors["A"].pk})
    listed = {row.pk for row in response.context["object_list"]}
    assert listed == {side_a.practice, side_a.draft, side_a.review}
    response = editor.get(explore_a, {"edited_by": authors["A"].pk})
    assert {row.pk for row in response.context["object_list"]} == {side_a.draft}

    # Higher up the tree, an editor sees nobody of the other municipality either.
    for parent in (Page.objects.get(depth=1), page(side_a.municipality).get_parent()):
        response = editor.get(reverse("wagtailadmin_explore", args=[parent.pk]))
        assert response.status_code == 200
        assert authors["B"].pk not in _people(response, "owner") | _people(response, "edited_by")

    # A project manager gets the people of whichever municipality they explore.
    pm = Client()
    pm.force_login(world.users["pm"])
    response = pm.get(reverse("wagtailadmin_explore", args=[world.sides["B"].municipality]))
    assert _people(response, "owner") == {authors["B"].pk}
    assert _people(response, "edited_by") == {authors["B"].pk}


def test_explorer_uses_the_scoped_page_viewset() -> None:
    """Fails if a Wagtail upgrade stops routing the explorer through the replaced viewset."""
    for model in (Page, MunicipalityIndexPage, MunicipalityPage, PracticePage):
        viewset = page_viewset_registry.get_by_parent_model(model)
        assert isinstance(viewset, explorer.ScopedPeoplePageViewSet), model
        assert isinstance(
            page_viewset_registry.get_by_type(model), explorer.ScopedPeoplePageViewSet
        )
