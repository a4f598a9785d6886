"""The move of a practice's contact persons from a many-to-many field to ordered rows."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Revision

from practices.models import PracticeContact, PracticePage
from tests import factories

# Before the data migration: PracticeContact exists (empty) and PracticePage.contacts is there.
BEFORE = [("practices", "0004_practice_contacts")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


# serialized_rollback: the migrated rows (root page, locales) back, whatever ran before.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_contacts_become_ordered_rows_and_drafts_keep_them(site_tree):
    municipality = site_tree["municipality_sv"]
    berg = factories.ContactPersonFactory(name="Sara Berg", municipality=municipality)
    alm = factories.ContactPersonFactory(name="Anders Alm", municipality=municipality)
    practice = factories.PracticePageFactory(parent=municipality)
    practice_pk = practice.pk
    # A published page, and a later draft that names only one of them.
    practice.contact_links = [PracticeContact(contact=berg), PracticeContact(contact=alm)]
    practice.save_revision().publish()
    practice.contact_links = [PracticeContact(contact=berg)]
    draft_pk = practice.save_revision().pk

    # Back to the many-to-many field: the rows and the revisions become `contacts` again.
    old_apps = _migrate(BEFORE)
    old_page = old_apps.get_model("practices", "PracticePage").objects.get(pk=practice_pk)
    assert sorted(old_page.contacts.values_list("name", flat=True)) == ["Anders Alm", "Sara Berg"]
    revision = old_apps.get_model("wagtailcore", "Revision").objects.get(pk=draft_pk)
    assert revision.content["contacts"] == [berg.pk]
    assert "contact_links" not in revision.content

    # As the data stood before: only the many-to-many rows, added Berg first.
    old_apps.get_model("practices", "PracticeContact").objects.all().delete()
    through = old_page.contacts.through
    through.objects.all().delete()
    through.objects.create(practicepage_id=practice_pk, contactperson_id=berg.pk)
    through.objects.create(practicepage_id=practice_pk, contactperson_id=alm.pk)

    new_apps = _migrate(_leaves())
    rows = new_apps.get_model("practices", "PracticeContact").objects.filter(page_id=practice_pk)
    # In the order the page showed them (by name), numbered from 0.
    assert list(rows.order_by("sort_order").values_list("contact__name", "sort_order")) == [
        ("Anders Alm", 0),
        ("Sara Berg", 1),
    ]
    revision = new_apps.get_model("wagtailcore", "Revision").objects.get(pk=draft_pk)
    assert "contacts" not in revision.content
    assert [link["contact"] for link in revision.content["contact_links"]] == [berg.pk]

    # The draft saved before the migration still names its contact when it is published.
    Revision.objects.get(pk=draft_pk).publish()
    live = PracticePage.objects.get(pk=practice_pk)
    assert [c.name for c in live.contact_persons()] == ["Sara Berg"]
