"""A page comes into being when the editor saves it: no autosave on the "add" form.

Wagtail 8 autosaves the create view too: the first autosave creates the page (a draft nobody
asked for), and an abandoned "add" form leaves that draft behind with its slug taken. The
server refuses such autosaves (core/wagtail_hooks.py), the editor's script does not
send them, and the edit view of a saved page keeps autosaving. The guard tests fail when an
upgrade changes what this relies on.
"""

from pathlib import Path

import pytest
import wagtail
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from municipalities.models import MunicipalityAccess
from practices.models import PracticePage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(site_tree):
    municipality = site_tree["municipality_sv"]
    access = MunicipalityAccess.objects.get(translation_key=municipality.translation_key)
    user = get_user_model().objects.create_user("editor", "editor@kommun.example", "x")
    user.groups.add(access.editors)
    return user


def _add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=("practices", "practicepage", parent.pk))


def _form(title: str) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": "sprakcafe",
            "summary": "Ett språkcafé.",
            "tags": "",
            "status": "ongoing",
            "evidence_level": "not_evaluated",
            "last_verified": "2026-01-01",
            **{
                name: rich_text("")
                for name in (
                    "challenge",
                    "what_was_done",
                    "results",
                    "lessons_learned",
                    "what_did_not_work",
                    "transferability",
                    "resources_needed",
                    "scale_notes",
                    "adaptation_notes",
                )
            },
            **{
                name: streamfield([])
                for name in ("key_figures", "funding", "partners", "body", "sources")
            },
            "contact_links": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        }
    )


def test_an_autosave_of_the_add_form_creates_no_page(client, site_tree, editor):
    client.force_login(editor)
    parent = site_tree["municipality_sv"]
    response = client.post(_add_url(parent), _form("Språkcafé"), HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["success"] is False
    assert response.json()["error_code"] == "blocked_by_hook"
    assert not PracticePage.objects.exists()


def test_saving_the_add_form_creates_the_page_and_a_second_attempt_is_free(
    client, site_tree, editor
):
    client.force_login(editor)
    parent = site_tree["municipality_sv"]
    # An abandoned attempt (autosaved) and then the real one with the same title and slug.
    client.post(_add_url(parent), _form("Språkcafé"), HTTP_ACCEPT="application/json")
    response = client.post(_add_url(parent), _form("Språkcafé"))
    assert response.status_code == 302
    page = PracticePage.objects.get()
    assert (page.title, page.slug, page.live) == ("Språkcafé", "sprakcafe", False)


def test_the_edit_view_of_a_saved_page_still_autosaves(client, site_tree, editor):
    client.force_login(editor)
    page = factories.PracticePageFactory(parent=site_tree["municipality_sv"], live=False)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert b'data-controller="w-init w-unsaved w-autosave"' in response.content
    assert b"create_without_autosave.js" in response.content


# --- Guards: what the hook and the script rely on ------------------------------------------


def test_guard_the_add_form_is_wagtails_autosave_form_with_our_script(client, site_tree, editor):
    client.force_login(editor)
    response = client.get(_add_url(site_tree["municipality_sv"]))
    html = response.content.decode()
    # Our script must see the form's action start with the "add" path it is given.
    assert 'data-controller="w-init w-unsaved w-autosave"' in html
    assert f'action="{_add_url(site_tree["municipality_sv"])}"' in html
    assert 'data-add-path="/admin/pages/add/"' in html


def test_guard_wagtails_autosave_dispatches_a_cancelable_save_event():
    # The controller sends nothing when a listener cancels "w-autosave:save" (core.js, minified:
    # `this.dispatch("save",{cancelable:!0,...})` then `if(e)return` on defaultPrevented).
    core = Path(wagtail.__file__).parent / "admin/static/wagtailadmin/js/core.js"
    source = core.read_text()
    assert 'this.dispatch("save",{cancelable:!0' in source
    assert "submit=async({defaultPrevented:e" in source
