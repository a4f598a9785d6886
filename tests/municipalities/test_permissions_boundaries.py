"""Beyond the page tree: lists, reports, choosers, forms and bulk actions show A's editor
nothing of B's, and municipality content cannot be deleted by accident.

The per-object checks are in the permission matrix; these are the places that list many
objects at once, where a leak would be a row too many.
"""

from typing import Any

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Page

from municipalities.models import ContactPerson, MunicipalityPage
from tests.municipalities.roles_world import World, page

pytestmark = pytest.mark.django_db


def text(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def login(client: Any, world: World, role: str) -> None:
    client.force_login(world.users[role])


@pytest.mark.parametrize(
    ("url", "own"),
    [
        pytest.param(reverse("wagtailadmin_home"), None, id="dashboard"),
        pytest.param(reverse("wagtailadmin_pages:search") + "?q=Hemlig", "HemligA", id="search"),
        pytest.param(
            reverse("wagtailadmin_pages:search") + "?q=Utkast&search_all=1",
            "Utkast A",
            id="page-search-all",
        ),
        pytest.param(reverse("wagtailadmin_reports:site_history"), None, id="site-history"),
        pytest.param(reverse("wagtailadmin_reports:workflow"), "Granskas A", id="workflows"),
        pytest.param(reverse("wagtailadmin_reports:workflow_tasks"), "Granskas A", id="tasks"),
        pytest.param(reverse("wagtailadmin_reports:aging_pages"), None, id="aging-pages"),
        pytest.param(
            "/admin/api/main/pages/?search=Hemlig&fields=title", "HemligA", id="admin-api-search"
        ),
        pytest.param(reverse("wagtailimages_chooser:choose"), "Bild A", id="image-chooser"),
        pytest.param(reverse("wagtaildocs_chooser:choose"), "Dokument A", id="document-chooser"),
        pytest.param(reverse("wagtaildocs:index"), "Dokument A", id="document-library"),
        pytest.param(
            reverse("wagtailsnippetchoosers_municipalities_contactperson:choose"),
            "Kontakt A",
            id="contact-chooser",
        ),
        pytest.param(
            reverse("wagtail_localize:translations_report"), None, id="translations-report"
        ),
    ],
)
def test_listings_show_an_editor_only_their_own_municipality(
    world: World, client: Any, url: str, own: str | None
) -> None:
    # Make B's activity visible in the logs: the project manager edits B's contact and page
    # (in a browser of their own, so that their messages stay theirs).
    pm_client = Client()
    pm_client.force_login(world.users["pm"])
    b = world.sides["B"]
    contact = ContactPerson.objects.get(pk=b.contact)
    pm_client.post(
        reverse("wagtailsnippets_municipalities_contactperson:edit", args=[b.contact]),
        {
            "name": contact.name,
            "role": "Samordnare",
            "municipality": b.municipality,
            "review_date": "2030-01-01",
        },
    )
    page(b.draft).save_revision(user=world.users["pm"], log_action=True)

    login(client, world, "editor_a")
    content = text(client.get(url))

    assert "HemligB" not in content
    assert "Kontakt B" not in content
    if own is not None:
        assert own in content


def test_the_page_chooser_shows_published_pages_everywhere_but_drafts_only_at_home(
    world: World, client: Any
) -> None:
    a, b = world.sides["A"], world.sides["B"]
    login(client, world, "editor_a")

    own = text(client.get(reverse("wagtailadmin_choose_page_child", args=[a.municipality])))
    other = text(client.get(reverse("wagtailadmin_choose_page_child", args=[b.municipality])))

    assert "Utkast A" in own
    assert "Praktik B" in other  # published: fine to link to
    assert "Utkast B" not in other
    assert "Granskas B" not in other


def test_contact_form_offers_only_the_editors_municipality(world: World, client: Any) -> None:
    a, b = world.sides["A"], world.sides["B"]
    login(client, world, "editor_a")
    add_url = reverse("wagtailsnippets_municipalities_contactperson:add")

    form = text(client.get(add_url))
    assert f'<option value="{a.municipality}"' in form
    assert f'<option value="{b.municipality}"' not in form

    data = {"name": "Ny kontakt", "review_date": "2030-01-01", "municipality": b.municipality}
    response = client.post(add_url, data)
    assert response.status_code == 200  # the form again, with an error
    assert not ContactPerson.objects.filter(name="Ny kontakt").exists()

    response = client.post(add_url, {**data, "municipality": ""})
    assert response.status_code == 200  # editors must say whose contact it is
    assert not ContactPerson.objects.filter(name="Ny kontakt").exists()

    response = client.post(add_url, {**data, "municipality": a.municipality})
    assert response.status_code == 302
    assert ContactPerson.objects.get(name="Ny kontakt").municipality_id == a.municipality


def test_practice_form_offers_only_own_contacts(world: World, client: Any) -> None:
    a, b = world.sides["A"], world.sides["B"]
    login(client, world, "editor_a")
    form = text(client.get(reverse("wagtailadmin_pages:edit", args=[a.draft])))
    # The contacts are chosen in the contact person chooser, opened from the practice form.
    assert 'id="id_contact_links-OPEN_MODAL"' in form
    assert "Kontakt B" not in form
    chooser = chooser_html(client)
    assert contact_choice(a.contact) in chooser
    assert contact_choice(b.contact) not in chooser
    assert "Kontakt B" not in chooser

    login(client, world, "pm")
    assert contact_choice(b.contact) in chooser_html(client)


CONTACT_CHOOSER = "/admin/snippets/choose/municipalities/contactperson/"


def chooser_html(client: Any) -> str:
    """The contact chooser's modal as MultipleChooserPanel opens it."""
    response = client.get(CONTACT_CHOOSER, {"multiple": "true"})
    assert response.status_code == 200, response.status_code
    return response.json()["html"]


def contact_choice(pk: int) -> str:
    # One checkbox per contact offered in the chooser's multiple-choice listing.
    return f'value="{pk}"'


def test_bulk_actions_skip_other_municipalities_images(world: World, client: Any) -> None:
    a, b = world.sides["A"], world.sides["B"]
    login(client, world, "editor_a")
    images = get_image_model().objects
    # Bulk action URLs name the concrete model (platform_site.CustomImage), not wagtailimages.
    image_model = (images.model._meta.app_label, images.model._meta.model_name)

    # Moving B's image into A's collection (taking it) and A's into B's (planting it).
    for image, collection in ((b.image, a.collection), (a.image, b.collection)):
        client.post(
            reverse("wagtail_bulk_action", args=[*image_model, "add_to_collection"])
            + f"?id={image}",
            {"collection": collection},
        )
    assert images.get(pk=b.image).collection_id == b.collection
    assert images.get(pk=a.image).collection_id == a.collection

    client.post(reverse("wagtail_bulk_action", args=[*image_model, "delete"]) + f"?id={b.image}")
    assert images.filter(pk=b.image).exists()


@pytest.mark.parametrize(
    "view",
    ["revisions_revert", "preview_on_edit", "usage", "workflow_preview", "convert_alias"],
)
def test_other_page_views_refuse_another_municipalitys_pages(
    world: World, client: Any, view: str
) -> None:
    b = world.sides["B"]
    args = {
        "revisions_revert": [b.practice, b.revisions[0]],
        "preview_on_edit": [b.draft],
        "usage": [b.practice],
        "workflow_preview": [b.review, 1],
        "convert_alias": [b.practice_en],
    }[view]
    login(client, world, "editor_a")
    response = client.get(reverse(f"wagtailadmin_pages:{view}", args=args))
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        refused = (reverse("wagtailadmin_home"), "/sv" + response.request["PATH_INFO"])
        assert response["Location"] in refused
    assert "HemligB" not in response.content.decode()


def test_editors_cannot_start_translations(world: World, client: Any) -> None:
    login(client, world, "editor_a")
    response = client.get(
        reverse("wagtail_localize:submit_page_translation", args=[world.sides["A"].draft])
    )
    assert response["Location"] == reverse("wagtailadmin_home")


def test_a_municipality_with_practices_cannot_be_deleted(world: World, client: Any) -> None:
    a = world.sides["A"]
    login(client, world, "pm")
    home = Page.objects.get(pk=a.municipality).get_parent().get_parent()

    for pk in (a.municipality, home.pk):
        response = client.post(reverse("wagtailadmin_pages:delete", args=[pk]))
        assert response.status_code == 302
        assert Page.objects.filter(pk=pk).exists()
    response = client.post(
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        + f"?id={a.municipality}"
    )
    assert Page.objects.filter(pk=a.municipality).exists()
    # Instead of the confirmation page: back to the explorer, with an error that says why.
    municipality = Page.objects.get(pk=a.municipality)
    response = client.get(reverse("wagtailadmin_pages:delete", args=[a.municipality]))
    parent_explorer = reverse("wagtailadmin_explore", args=[municipality.get_parent().pk])
    assert response["Location"] == parent_explorer
    errors = [m.message for m in get_messages(response.wsgi_request) if m.level == messages.ERROR]
    assert errors
    assert municipality.title in errors[-1]


def test_an_empty_municipality_can_be_deleted_by_a_project_manager(
    world: World, client: Any
) -> None:
    index = Page.objects.get(pk=world.sides["A"].municipality).get_parent()
    empty = index.add_child(
        instance=MunicipalityPage(
            title="Tomma", slug="tomma", official_name="Tomma kommun", code="1499", county="14"
        )
    )
    login(client, world, "pm")
    response = client.post(reverse("wagtailadmin_pages:delete", args=[empty.pk]))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=empty.pk).exists()


def test_explorer_queries_do_not_grow_with_municipalities_or_practices(
    world: World, client: Any, django_assert_max_num_queries: Any
) -> None:
    """Neither more municipalities (groups, permission rows) nor more practices on the page
    add queries to an editor's explorer (Wagtail issues #6807 and #14593)."""
    from tests import factories

    a = world.sides["A"]
    municipality = Page.objects.get(pk=a.municipality)
    url = reverse("wagtailadmin_explore", args=[a.municipality])
    login(client, world, "editor_a")
    client.get(url)  # warm caches (content types, site root paths)
    with django_assert_max_num_queries(10_000) as before:
        assert client.get(url).status_code == 200

    index = municipality.get_parent()
    for n in range(15):
        index.add_child(
            instance=MunicipalityPage(
                title=f"Extra {n}",
                slug=f"extra-{n}",
                official_name=f"Extra {n} kommun",
                code=f"14{n + 50}",
                county="14",
            )
        )
    for n in range(10):
        factories.PracticePageFactory(parent=municipality, title=f"Fler {n}", slug=f"fler-{n}")
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get(url)
    assert "Fler 9" in text(response)


def test_translations_report_lists_only_translations_of_pages_one_may_edit(
    world: World, client: Any
) -> None:
    from wagtail_localize.models import Translation, TranslationSource

    for key in ("A", "B"):
        source, _created = TranslationSource.get_or_create_from_instance(
            page(world.sides[key].draft)
        )
        Translation.objects.create(source=source, target_locale=world.locales["en"])
    url = reverse("wagtail_localize:translations_report")

    login(client, world, "editor_a")
    content = text(client.get(url))
    assert "Utkast A" in content
    assert "Utkast B" not in content

    login(client, world, "pm")
    content = text(client.get(url))
    assert "Utkast A" in content
    assert "Utkast B" in content


def test_leaf_permission_tester_agrees_with_wagtails_without_queries(
    world: World, django_assert_num_queries: Any
) -> None:
    from wagtail.models import PagePermissionTester

    from municipalities.permissions.pages import DELETE_PAGE_PERMISSIONS, LeafPagePermissionTester

    users = [u for u in world.users.values() if u is not None]
    pages = [
        Page.objects.get(pk=pk)
        for side in world.sides.values()
        for pk in (side.practice, side.draft, side.review, side.practice_en, side.municipality)
    ]
    # An editor's own unpublished page: the "add" permission's ownership rules apply.
    own = Page.objects.get(pk=world.sides["A"].draft)
    Page.objects.filter(pk=own.pk).update(owner=world.users["editor_a"])
    own.refresh_from_db()
    pages.append(own)
    for user in users:
        for page_ in pages:
            wagtails = PagePermissionTester(user, page_)
            ours = LeafPagePermissionTester(user, page_)
            change_only = not ours.permissions & DELETE_PAGE_PERMISSIONS
            for check in ("can_delete", "can_move"):
                # Wagtail lets "change" alone delete (and so move) an unpublished page; here
                # it never does (the translators): otherwise both answer the same.
                expected = False if change_only else getattr(wagtails, check)()
                assert getattr(ours, check)() == expected, (user, page_, check)

    editor, practice = world.users["editor_a"], Page.objects.get(pk=world.sides["A"].practice)
    LeafPagePermissionTester(editor, practice)  # loads the user's permissions once
    with django_assert_num_queries(0):
        tester = LeafPagePermissionTester(editor, practice)
        assert not tester.can_delete()
        assert not tester.can_move()


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsearchpromotions:index",
        "wagtailsnippets_practices_targetgroup:add",
        "wagtailsnippets_practices_approach:list",
        "wagtailsnippets_search_synonymset:list",
        "wagtailsnippets_search_synonymset:add",
    ],
)
def test_curation_is_for_project_managers(world: World, client: Any, url_name: str) -> None:
    url = reverse(url_name)
    login(client, world, "pm")
    assert client.get(url).status_code == 200
    for role in ("editor_a", "publisher_a", "translator"):
        login(client, world, role)
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))


def test_project_managers_curate_theme_pages(world: World, client: Any) -> None:
    from practices.models import ThemeIndexPage

    theme_index = ThemeIndexPage.objects.get(locale=world.locales["sv"])
    add_url = reverse("wagtailadmin_pages:add", args=["practices", "themepage", theme_index.pk])
    login(client, world, "pm")
    assert client.get(add_url).status_code == 200
    login(client, world, "editor_a")
    assert client.get(add_url)["Location"] == reverse("wagtailadmin_home")
