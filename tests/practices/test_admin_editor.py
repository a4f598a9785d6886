"""The practice editor explains itself, and a municipality editor starts at their municipality
(practices/admin_editor.py, practices/widgets.py, the panels of models/practice.py)."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from wagtail.admin.panels import FieldPanel

from municipalities.models import MunicipalityAccess
from municipalities.permissions.roles import PROJECT_MANAGERS
from practices.models import EvidenceLevel, PracticePage
from practices.widgets import EVIDENCE_LEVEL_EXPLANATIONS
from tests import factories

pytestmark = pytest.mark.django_db

# Fields Wagtail itself explains (title, slug) or that are not part of the practice record.
NOT_RECORD_FIELDS = {"title", "slug", "seo_title", "search_description", "show_in_menus"}


def _field_panels(panel):
    if isinstance(panel, FieldPanel):
        yield panel
    for child in getattr(panel, "children", []):
        yield from _field_panels(child)


def _sidebar_items(node, type_name):
    if isinstance(node, dict):
        if node.get("_type") == type_name:
            yield node
        for value in node.values():
            yield from _sidebar_items(value, type_name)
    elif isinstance(node, list):
        for value in node:
            yield from _sidebar_items(value, type_name)


@pytest.fixture
def editor(site_tree):
    municipality = site_tree["municipality_sv"]
    access = MunicipalityAccess.objects.get(translation_key=municipality.translation_key)
    user = get_user_model().objects.create_user("editor", "editor@kommun.example", "x")
    user.groups.add(access.editors)
    return user


@pytest.fixture
def manager(site_tree):
    from django.contrib.auth.models import Group

    from municipalities.permissions.groups import sync_project_roles

    sync_project_roles()
    user = get_user_model().objects.create_user("pm", "pm@kommun.example", "x")
    user.groups.add(Group.objects.get(name=PROJECT_MANAGERS))
    return user


def test_every_field_of_the_record_has_a_help_text_in_swedish():
    # The record is the "Content" and "Facts" tabs; Promote and Settings are Wagtail's own.
    content, facts = PracticePage.get_edit_handler().children[:2]
    panels = [*_field_panels(content), *_field_panels(facts)]
    record = [p for p in panels if p.field_name not in NOT_RECORD_FIELDS]
    assert len(record) >= 25  # every field of the record, from the edit handler itself
    with translation.override("sv"):
        swedish = {p.field_name: str(p.help_text) for p in record}
    with translation.override("en"):
        english = {p.field_name: str(p.help_text) for p in record}
    assert [name for name, text in swedish.items() if not text] == []
    assert [name for name in swedish if swedish[name] == english[name]] == []


def test_every_evidence_level_is_explained_on_the_form(client, site_tree, editor):
    assert set(EVIDENCE_LEVEL_EXPLANATIONS) == set(EvidenceLevel.values)
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:add",
        args=("practices", "practicepage", site_tree["municipality_sv"].pk),
    )
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Internt uppföljt: Ni har själva mätt resultatet" in html
    assert html.count('name="evidence_level"') == len(EvidenceLevel.values)


def test_an_editors_explorer_opens_at_their_municipality(client, site_tree, editor, manager):
    municipality = site_tree["municipality_sv"]
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_explore_root"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=(municipality.pk,))
    # The sidebar's page explorer starts there too.
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = json.loads(re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)[1])
    (explorer,) = _sidebar_items(props, "wagtail.sidebar.PageExplorerMenuItem")
    assert explorer["_args"][-1] == municipality.pk
    # A project manager keeps Wagtail's explorer of the whole tree.
    client.force_login(manager)
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 200


def test_the_dashboard_has_new_practice_and_my_drafts(client, site_tree, editor):
    municipality = site_tree["municipality_sv"]
    draft = factories.PracticePageFactory(parent=municipality, live=False, owner=editor)
    draft.save_revision(user=editor)
    other = factories.PracticePageFactory(parent=municipality, live=False, title="Någon annans")
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    add_url = reverse("wagtailadmin_pages:add", args=("practices", "practicepage", municipality.pk))
    assert f'href="{add_url}"' in html
    assert "Nytt gott exempel" in html and "Mina utkast" in html
    assert reverse("wagtailadmin_pages:edit", args=(draft.pk,)) in html
    assert reverse("wagtailadmin_pages:delete", args=(draft.pk,)) in html
    assert other.title not in html
