"""'Adapt this practice': a draft under the editor's own municipality, no rights on the original."""

from __future__ import annotations

import pytest

from practices.models import PracticeContact, PracticePage, PracticeStatus
from tests import factories
from tests.learning.learning_helpers import municipality_editor, publish, second_municipality


@pytest.fixture
def setup(site_tree):
    hylte = site_tree["municipality_sv"]
    falkenberg = second_municipality(site_tree)
    group = factories.TargetGroupFactory(name="Vuxna", slug="vuxna")
    contact = factories.ContactPersonFactory(municipality=hylte, email="anna@hylte.example")
    original = factories.PracticePageFactory(
        parent=hylte,
        title="Språkcafé",
        summary="Ett språkcafé för nyanlända vuxna.",
        what_was_done="<p>Vi öppnade biblioteket på kvällarna.</p>",
        results="<p>Hundra besökare i månaden.</p>",
        status=PracticeStatus.REGULAR,
    )
    original.target_groups.set([group])
    original.contact_links = [PracticeContact(contact=contact)]
    original.save()
    publish(original)
    return {
        "hylte": hylte,
        "falkenberg": falkenberg,
        "original": original,
        "group": group,
        "editor": municipality_editor(falkenberg, "falk-red"),
    }


@pytest.mark.django_db
def test_editor_of_b_adapts_a_practice_of_a_in_one_step(client, setup):
    original = setup["original"]
    editor = setup["editor"]
    # No right at all on the original.
    assert not original.permissions_for_user(editor).can_edit()
    revisions_before = original.revisions.count()

    client.force_login(editor)
    url = f"/admin/learning/adapt/{original.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Falkenberg" in html and f'value="{setup["hylte"].pk}"' not in html

    response = client.post(url, {"municipality": setup["falkenberg"].pk})
    assert response.status_code == 302
    adaptation = PracticePage.objects.get(adapted_from=original)
    assert response["Location"].endswith(f"/admin/pages/{adaptation.pk}/edit/")
    assert adaptation.get_parent().pk == setup["falkenberg"].pk
    assert adaptation.municipality_id == setup["falkenberg"].pk
    assert not adaptation.live
    assert adaptation.owner == editor
    # The method travels; the original's results, people and status do not.
    assert adaptation.summary == original.summary
    assert "biblioteket" in adaptation.what_was_done
    assert list(adaptation.target_groups.all()) == [setup["group"]]
    assert adaptation.results == ""
    assert adaptation.contact_links.count() == 0
    assert adaptation.status == PracticeStatus.PLANNED
    # The original is untouched.
    original.refresh_from_db()
    assert original.revisions.count() == revisions_before
    assert original.title == "Språkcafé"
    # The draft opens in the editor for its author.
    assert client.get(f"/admin/pages/{adaptation.pk}/edit/").status_code == 200


@pytest.mark.django_db
def test_adaptation_cannot_be_created_where_the_editor_has_no_rights(client, setup):
    client.force_login(setup["editor"])
    url = f"/admin/learning/adapt/{setup['original'].pk}/"
    response = client.post(url, {"municipality": setup["hylte"].pk})
    assert response.status_code == 400
    assert not PracticePage.objects.filter(adapted_from=setup["original"]).exists()


@pytest.mark.django_db
def test_users_without_add_rights_cannot_adapt(client, setup, django_user_model):
    from django.contrib.auth.models import Group, Permission

    nobody = django_user_model.objects.create_user("nobody", password="pw")  # noqa: S106
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    nobody.groups.add(group)
    client.force_login(nobody)
    response = client.post(
        f"/admin/learning/adapt/{setup['original'].pk}/", {"municipality": setup["falkenberg"].pk}
    )
    assert response.status_code in (302, 403)
    assert not PracticePage.objects.filter(adapted_from=setup["original"]).exists()
    client.logout()
    assert client.get(f"/admin/learning/adapt/{setup['original'].pk}/").status_code == 302


@pytest.mark.django_db
def test_a_draft_of_another_municipality_cannot_be_adapted(client, setup):
    draft = factories.PracticePageFactory(parent=setup["hylte"], title="Hemligt utkast", live=False)
    client.force_login(setup["editor"])
    assert client.get(f"/admin/learning/adapt/{draft.pk}/").status_code in (404, 302)
    assert not PracticePage.objects.filter(adapted_from=draft).exists()


@pytest.mark.django_db
def test_adapt_is_offered_on_the_public_page_to_editors_only(client, setup):
    original = setup["original"]
    link = f"/admin/learning/adapt/{original.pk}/"
    assert link not in client.get(original.url).content.decode()
    client.force_login(setup["editor"])
    assert link in client.get(original.url).content.decode()


@pytest.mark.django_db
def test_editor_finds_practices_to_adapt(client, setup):
    client.force_login(setup["editor"])
    html = client.get("/admin/learning/adapt/", {"q": "språk"}).content.decode()
    assert f"/admin/learning/adapt/{setup['original'].pk}/" in html


@pytest.mark.django_db
def test_published_adaptation_appears_on_the_original(client, setup):
    client.force_login(setup["editor"])
    client.post(
        f"/admin/learning/adapt/{setup['original'].pk}/", {"municipality": setup["falkenberg"].pk}
    )
    adaptation = PracticePage.objects.get(adapted_from=setup["original"])
    adaptation.title = "Språkcafé i Falkenberg"
    adaptation.save_revision().publish()
    client.logout()
    html = client.get(setup["original"].url).content.decode()
    assert "Språkcafé i Falkenberg" in html
    assert 'id="family-tree-heading"' in html
