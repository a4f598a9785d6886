"""A contact person is public only once a published page names them, or a project manager says so.

Before, every contact saved by an editor appeared at once on the public municipality page.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from municipalities.models import ContactPerson
from municipalities.permissions.roles import PROJECT_MANAGERS
from practices.models import PracticeContact, PracticePage
from tests import factories
from tests.municipalities.roles_world import _group, _user

NAME = "Kerstin Kontaktmarkör"


@pytest.fixture
def people(site_tree):
    municipality = site_tree["municipality_sv"]
    return {
        "editor": _user("hylte-editor", _group(municipality, "editors")),
        "pm": _user("pm-contacts", Group.objects.get(name=PROJECT_MANAGERS)),
    }


def _contact_form(municipality, **extra) -> dict:
    return factories.contact_form_data(municipality, name=NAME, **extra)


def _public_pages(client, site_tree) -> list[str]:
    bodies = []
    for key in ("municipality_sv", "municipality_en"):
        response = client.get(site_tree[key].url)
        assert response.status_code == 200
        bodies.append(response.content.decode())
    return bodies


def _shown(client, site_tree) -> bool:
    client.logout()
    return all(NAME in body for body in _public_pages(client, site_tree))


def _hidden(client, site_tree) -> bool:
    client.logout()
    return all(NAME not in body for body in _public_pages(client, site_tree))


@pytest.mark.django_db
def test_a_contact_saved_by_an_editor_is_not_public(client, site_tree, people):
    municipality = site_tree["municipality_sv"]
    client.force_login(people["editor"])
    add = reverse("wagtailsnippets_municipalities_contactperson:add")
    # The editor ticks "show publicly" too: only a project manager may, so it is ignored.
    response = client.post(add, _contact_form(municipality, show_publicly="on"))
    assert response.status_code == 302
    contact = ContactPerson.objects.get(name=NAME)
    assert contact.show_publicly is False
    assert _hidden(client, site_tree)


@pytest.mark.django_db
def test_a_contact_follows_the_publication_of_a_practice(client, site_tree):
    municipality = site_tree["municipality_sv"]
    contact = factories.ContactPersonFactory(name=NAME, municipality=municipality)

    practice = factories.PracticePageFactory(parent=municipality, live=False)
    practice.contact_links = [PracticeContact(contact=contact)]
    practice.save_revision()
    assert _hidden(client, site_tree), "named in a draft only"

    live = factories.PracticePageFactory(parent=municipality)
    live.save_revision().publish()
    draft = PracticePage.objects.get(pk=live.pk)
    draft.contact_links = [PracticeContact(contact=contact)]
    draft.save_revision()  # a pending draft of a live page names them
    assert _hidden(client, site_tree), "named in a pending draft only"

    draft.get_latest_revision().publish()
    assert _shown(client, site_tree)

    PracticePage.objects.get(pk=live.pk).unpublish()
    assert _hidden(client, site_tree), "its only page was unpublished"


@pytest.mark.django_db
def test_only_a_project_manager_shows_a_contact_publicly(client, site_tree, people):
    municipality = site_tree["municipality_sv"]
    contact = factories.ContactPersonFactory(name=NAME, municipality=municipality)
    edit = reverse("wagtailsnippets_municipalities_contactperson:edit", args=[contact.pk])

    client.force_login(people["editor"])
    response = client.post(edit, _contact_form(municipality, show_publicly="on"))
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.show_publicly is False
    assert _hidden(client, site_tree)

    client.force_login(people["pm"])
    response = client.post(edit, _contact_form(municipality, show_publicly="on"))
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.show_publicly is True
    assert _shown(client, site_tree)

    # An editor saving the contact again keeps the project manager's choice.
    client.force_login(people["editor"])
    response = client.post(edit, _contact_form(municipality, role="Ny roll"))
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.show_publicly is True
