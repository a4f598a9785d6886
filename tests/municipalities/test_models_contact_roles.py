"""A contact person's role in the reader's language: English pages show the English role, or the
Swedish one marked lang="sv" when none is given."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from municipalities.models import ContactPerson
from municipalities.permissions.roles import PROJECT_MANAGERS
from practices.models.practice_contacts import PracticeContact
from tests import factories
from tests.municipalities.roles_world import _user

SV = '<span lang="sv">Integrationssamordnare</span>'
EN = '<span lang="en">Integration coordinator</span>'


def _published_with(site_tree, contact):
    practice = factories.PracticePageFactory(parent=site_tree["municipality_sv"], slug="roller")
    practice.contact_links = [PracticeContact(contact=contact)]
    practice.save_revision().publish()
    return practice


def _bodies(client, *pages) -> list[str]:
    bodies = []
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200
        bodies.append(response.content.decode())
    return bodies


@pytest.mark.django_db
def test_english_pages_show_the_english_role(client, site_tree, locales):
    contact = factories.ContactPersonFactory(
        municipality=site_tree["municipality_sv"], role_en="Integration coordinator"
    )
    practice = _published_with(site_tree, contact)
    practice_en = factories.translate(practice, locales["en"])
    sv_practice, sv_municipality, en_practice, en_municipality = _bodies(
        client, practice, site_tree["municipality_sv"], practice_en, site_tree["municipality_en"]
    )
    for body in (sv_practice, sv_municipality):
        assert SV in body and "Integration coordinator" not in body
    for body in (en_practice, en_municipality):
        assert EN in body and "Integrationssamordnare" not in body


@pytest.mark.django_db
def test_without_an_english_role_the_swedish_one_is_marked_as_swedish(client, site_tree, locales):
    contact = factories.ContactPersonFactory(municipality=site_tree["municipality_sv"])
    assert contact.role_en == ""
    practice_en = factories.translate(_published_with(site_tree, contact), locales["en"])
    (body,) = _bodies(client, practice_en)
    assert SV in body


@pytest.mark.django_db
def test_the_contact_form_takes_the_english_role(client, site_tree):
    client.force_login(_user("pm-roles", Group.objects.get(name=PROJECT_MANAGERS)))
    add = reverse("wagtailsnippets_municipalities_contactperson:add")
    assert 'name="role_en"' in client.get(add).content.decode()
    data = factories.contact_form_data(
        site_tree["municipality_sv"],
        name="Kerstin Roll",
        role_en="Coordinator",
        email="kerstin.roll@hylte.example",
    )
    response = client.post(add, data)
    assert response.status_code == 302
    assert ContactPerson.objects.get(name="Kerstin Roll").role_in("en") == ("Coordinator", "en")


@pytest.mark.django_db
def test_the_api_gives_the_role_in_the_pages_language(client, site_tree, locales):
    contact = factories.ContactPersonFactory(
        municipality=site_tree["municipality_sv"], role_en="Integration coordinator"
    )
    practice = _published_with(site_tree, contact)
    practice_en = factories.translate(practice, locales["en"])
    roles = {}
    for page in (practice, practice_en):
        [record] = client.get(f"/api/v2/pages/{page.pk}/").json()["contacts"]
        roles[page.locale.language_code] = (record["role"], record["role_language"])
    assert roles == {
        "sv": ("Integrationssamordnare", "sv"),
        "en": ("Integration coordinator", "en"),
    }
