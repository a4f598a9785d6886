"""A practice's contact persons: chosen in the contact chooser, added from it, scoped, translated.

Through the admin's own views as a municipality editor (Hylte) and a project manager.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset
from wagtail_localize.models import Translation, TranslationSource

from municipalities.models import ContactPerson
from municipalities.permissions.roles import PROJECT_MANAGERS
from practices.models import PracticeContact, PracticePage
from tests import factories
from tests.municipalities.roles_world import _group, _user, practice_form_data

CHOOSE = "wagtailsnippetchoosers_municipalities_contactperson:choose"
CREATE = "wagtailsnippetchoosers_municipalities_contactperson:create"


@pytest.fixture
def hylte(site_tree) -> dict[str, Any]:
    municipality = site_tree["municipality_sv"]
    other = factories.MunicipalityPageFactory(
        parent=site_tree["municipality_index_sv"],
        title="Falkenberg",
        slug="falkenberg",
        code="1382",
        county="13",
    )
    return {
        "municipality": municipality,
        "other": other,
        "editor": _user("hylte-redaktor", _group(municipality, "editors")),
        "pm": _user("projektledare", Group.objects.get(name=PROJECT_MANAGERS)),
        "own": factories.ContactPersonFactory(
            name="Sara Berg", role="Integrationssamordnare", municipality=municipality
        ),
        "foreign": factories.ContactPersonFactory(
            name="Olle Främling", role="Enhetschef", municipality=other
        ),
        "practice": factories.PracticePageFactory(parent=municipality, title="Språkcafé"),
    }


def _edit(client, practice: PracticePage, contact_ids: list[int]):
    data = practice_form_data(
        practice, contact_links=inline_formset([{"contact": pk} for pk in contact_ids])
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[practice.pk]), data)


def _draft_contacts(practice: PracticePage) -> list[str]:
    page = PracticePage.objects.get(pk=practice.pk).get_latest_revision_as_object()
    return [contact.name for contact in page.contact_persons()]


@pytest.mark.django_db
def test_an_editor_chooses_their_own_contacts_in_order(client, hylte):
    second = factories.ContactPersonFactory(name="Anders Alm", municipality=hylte["municipality"])
    client.force_login(hylte["editor"])
    response = _edit(client, hylte["practice"], [hylte["own"].pk, second.pk])
    assert response.status_code == 302
    # The editor's order, not the alphabet.
    assert _draft_contacts(hylte["practice"]) == ["Sara Berg", "Anders Alm"]


@pytest.mark.django_db
def test_an_editor_cannot_attach_another_municipalitys_contact(client, hylte):
    client.force_login(hylte["editor"])
    response = _edit(client, hylte["practice"], [hylte["foreign"].pk])
    assert response.status_code == 200  # the form again, with an error
    assert "You may not use" in response.content.decode() or "Du får inte" in (
        response.content.decode()
    )
    assert "Olle Främling" not in response.content.decode()
    assert _draft_contacts(hylte["practice"]) == []


@pytest.mark.django_db
def test_a_project_manager_may_attach_any_contact(client, hylte):
    client.force_login(hylte["pm"])
    assert _edit(client, hylte["practice"], [hylte["foreign"].pk]).status_code == 302
    assert _draft_contacts(hylte["practice"]) == ["Olle Främling"]


@pytest.mark.django_db
def test_the_same_person_cannot_be_chosen_twice(client, hylte):
    client.force_login(hylte["editor"])
    response = _edit(client, hylte["practice"], [hylte["own"].pk, hylte["own"].pk])
    assert response.status_code == 200
    assert _draft_contacts(hylte["practice"]) == []


# --- The chooser ----------------------------------------------------------------------------


def _modal(client, name: str, data: dict | None = None) -> dict:
    url = reverse(name) + "?multiple=true"
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == 200, response.status_code
    return response.json()


@pytest.mark.django_db
def test_the_chooser_lists_name_role_and_municipality_of_own_contacts(client, hylte):
    client.force_login(hylte["editor"])
    html = _modal(client, CHOOSE)["html"]
    assert "Sara Berg" in html and "Integrationssamordnare" in html and "Hylte" in html
    assert "Olle Främling" not in html
    # The creation tab offers only the editor's municipality, chosen already.
    assert f'<option value="{hylte["municipality"].pk}" selected>' in html
    assert f'<option value="{hylte["other"].pk}"' not in html
    assert (date.today() + timedelta(days=365)).isoformat() in html


@pytest.mark.django_db
def test_an_editor_adds_a_contact_of_their_municipality_from_the_chooser(client, hylte):
    client.force_login(hylte["editor"])
    data = factories.contact_form_data(
        hylte["municipality"],
        review_in_days=365,
        name="Nora Ny",
        role="Språkkoordinator",
        email="nora@hylte.example",
    )
    answer = _modal(client, CREATE, data)
    assert answer["step"] == "chosen"
    contact = ContactPerson.objects.get(name="Nora Ny")
    assert contact.municipality == hylte["municipality"]
    assert not contact.show_publicly
    # One result, as a list (the panel chose several), showing name and role.
    assert answer["result"] == [
        {
            "id": str(contact.pk),
            "string": "Nora Ny (Språkkoordinator)",
            "edit_url": answer["result"][0]["edit_url"],
        }
    ]

    # Another municipality's: refused, the form is shown again, nothing created.
    answer = _modal(client, CREATE, {**data, "name": "Nils Fel", "municipality": hylte["other"].pk})
    assert answer["step"] == "reshow_creation_form"
    assert not ContactPerson.objects.filter(name="Nils Fel").exists()
    # Nor without a municipality: it would vanish from the editor's view.
    answer = _modal(client, CREATE, {**data, "name": "Nils Fel", "municipality": ""})
    assert answer["step"] == "reshow_creation_form"
    assert not ContactPerson.objects.filter(name="Nils Fel").exists()


@pytest.mark.django_db
def test_a_project_manager_adds_a_contact_to_any_municipality(client, hylte):
    client.force_login(hylte["pm"])
    html = _modal(client, CHOOSE)["html"]
    assert f'<option value="{hylte["other"].pk}"' in html
    data = {
        "name": "Petra Projekt",
        "role": "",
        "email": "",
        "phone": "",
        "municipality": str(hylte["other"].pk),
        "review_date": (date.today() + timedelta(days=30)).isoformat(),
    }
    assert _modal(client, CREATE, data)["step"] == "chosen"
    assert ContactPerson.objects.get(name="Petra Projekt").municipality == hylte["other"]


@pytest.mark.django_db
def test_someone_without_a_municipality_gets_no_creation_tab(client, hylte, site_tree):
    nobody = _user("nobody")
    nobody.is_staff = True
    nobody.save()
    client.force_login(nobody)
    response = client.post(reverse(CREATE), {"name": "X"})
    assert response.status_code in (302, 403)
    assert not ContactPerson.objects.filter(name="X").exists()


# --- Translations ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_translation_gets_the_contacts_when_synchronised(hylte, site_tree):
    practice = hylte["practice"]
    practice.contact_links = [PracticeContact(contact=hylte["own"])]
    practice.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(
        PracticePage.objects.get(pk=practice.pk)
    )
    translation = Translation.objects.create(
        source=source, target_locale=site_tree["municipality_en"].locale, enabled=True
    )
    translation.save_target(user=hylte["pm"], publish=True)
    english = PracticePage.objects.get(
        translation_key=practice.translation_key, locale=site_tree["municipality_en"].locale
    )
    assert [c.name for c in english.contact_persons()] == ["Sara Berg"]

    # A second contact on the Swedish page reaches the English one on the next sync.
    second = factories.ContactPersonFactory(name="Anders Alm", municipality=hylte["municipality"])
    practice = PracticePage.objects.get(pk=practice.pk)
    # With the positions the admin's form gives them: rows without one have no order at all.
    practice.contact_links = [
        PracticeContact(contact=second, sort_order=0),
        PracticeContact(contact=hylte["own"], sort_order=1),
    ]
    practice.save_revision().publish()
    source.update_from_db()
    translation.save_target(user=hylte["pm"], publish=True)
    english = PracticePage.objects.get(pk=english.pk)
    assert [c.name for c in english.contact_persons()] == ["Anders Alm", "Sara Berg"]
    # The rows are the English page's own, not the Swedish page's moved over.
    rows = PracticeContact.objects.filter
    swedish_rows = set(rows(page_id=practice.pk).values_list("pk", flat=True))
    assert len(swedish_rows) == 2
    assert swedish_rows.isdisjoint(rows(page_id=english.pk).values_list("pk", flat=True))
