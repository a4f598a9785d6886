"""Copy each practice's contact persons from the many-to-many field to PracticeContact rows.

The rows keep the order readers saw (by name, as the page listed them). Saved drafts
(revisions) and wagtail-localize's stored sources carry the contacts too: their ``contacts``
lists become ``contact_links``, so that publishing a draft saved before this migration keeps
its contacts. Reversible.
"""

import json

from django.db import migrations


def _practice_content_type(apps):
    content_type = apps.get_model("contenttypes", "ContentType")
    return content_type.objects.filter(app_label="practices", model="practicepage").first()


def _ordered(contact_ids, names):
    return sorted(dict.fromkeys(contact_ids), key=lambda pk: (names.get(pk, ""), pk))


def _links(page_id, contact_ids, names):
    return [
        {"pk": None, "sort_order": position, "contact": pk, "page": page_id}
        for position, pk in enumerate(_ordered(contact_ids, names))
        if pk in names
    ]


def _stored_contents(apps, practice_type):
    """(row, content, field name, stored as text) for every stored copy of a practice page."""
    revision = apps.get_model("wagtailcore", "Revision")
    for row in revision.objects.filter(content_type=practice_type).iterator():
        yield row, row.content, "content", False
    try:
        source = apps.get_model("wagtail_localize", "TranslationSource")
    except LookupError:
        return
    for row in source.objects.filter(specific_content_type=practice_type).iterator():
        yield row, json.loads(row.content), "content", True


def _rewrite_stored(apps, convert):
    practice_type = _practice_content_type(apps)
    if practice_type is None:
        return
    for row, content, attribute, as_text in _stored_contents(apps, practice_type):
        if not isinstance(content, dict) or not convert(content):
            continue
        setattr(row, attribute, json.dumps(content) if as_text else content)
        row.save(update_fields=[attribute])


def forwards(apps, schema_editor):
    practice_page = apps.get_model("practices", "PracticePage")
    practice_contact = apps.get_model("practices", "PracticeContact")
    contact_person = apps.get_model("municipalities", "ContactPerson")
    names = dict(contact_person.objects.values_list("pk", "name"))
    through = practice_page.contacts.through
    by_page: dict[int, list[int]] = {}
    for page_id, contact_id in through.objects.order_by("pk").values_list(
        "practicepage_id", "contactperson_id"
    ):
        by_page.setdefault(page_id, []).append(contact_id)
    practice_contact.objects.bulk_create(
        practice_contact(page_id=page_id, contact_id=link["contact"], sort_order=link["sort_order"])
        for page_id, contact_ids in by_page.items()
        for link in _links(page_id, contact_ids, names)
    )

    def convert(content):
        if "contacts" not in content:
            return False
        ids = content.pop("contacts") or []
        content["contact_links"] = _links(content.get("pk"), ids, names)
        return True

    _rewrite_stored(apps, convert)


def backwards(apps, schema_editor):
    practice_page = apps.get_model("practices", "PracticePage")
    practice_contact = apps.get_model("practices", "PracticeContact")
    through = practice_page.contacts.through
    through.objects.bulk_create(
        through(practicepage_id=page_id, contactperson_id=contact_id)
        for page_id, contact_id in practice_contact.objects.order_by(
            "page_id", "sort_order", "pk"
        ).values_list("page_id", "contact_id")
    )

    def convert(content):
        if "contact_links" not in content:
            return False
        links = sorted(content.pop("contact_links") or [], key=lambda link: link.get("sort_order") or 0)
        content["contacts"] = [link["contact"] for link in links]
        return True

    _rewrite_stored(apps, convert)


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0004_practice_contacts"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
