"""Contact persons in the practice form, in Chromium, as the demo user hylte-redaktor: open the
contact chooser, add a new contact in its "Lägg till kontaktperson" tab, see it chosen with
name and role, save, and find it on the page. Screenshots of the panel and the modal at 1280 px
go to ADMIN_SCREENSHOTS (a directory) when it is set."""

import os
from pathlib import Path

import pytest
from django.test import override_settings

from tests.browser_support import admin_login, browser_unavailable  # noqa: F401 - the skip rule

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NAME = "Nora Nyström"
ROLE = "Språkkoordinator"


def _shoot(page, name: str) -> None:
    folder = os.environ.get("ADMIN_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"contacts_{name}_1280.png"))


def test_an_editor_adds_a_contact_without_leaving_the_practice(page, live_server):
    from django.core.cache import cache

    from demo.build import build_demo
    from municipalities.models import ContactPerson
    from practices.models import PracticePage

    cache.clear()  # earlier modules' data is flushed, their cached lookups are not
    with override_settings(DEBUG=True):
        build_demo(accounts=True)
    practice = (
        PracticePage.objects.filter(municipality__slug="hylte", locale__language_code="sv")
        .order_by("pk")
        .first()
    )
    before = [contact.name for contact in practice.contact_persons()]
    assert before and NAME not in before

    base = live_server.url
    admin_login(page, base, "hylte-redaktor")
    page.goto(f"{base}/admin/pages/{practice.pk}/edit/")
    page.wait_for_load_state("networkidle")
    page.get_by_role("tab", name="Fakta").click()
    add = page.locator("#id_contact_links-OPEN_MODAL")
    add.scroll_into_view_if_needed()
    assert add.inner_text().strip() == "Lägg till kontaktperson"
    _shoot(page, "panel")

    add.click()
    modal = page.locator(".modal-dialog")
    # The listing: the editor's own contacts with name, role and municipality.
    listing = modal.locator("table")
    listing.wait_for()
    headers = [text.strip() for text in listing.locator("th").all_inner_texts()]
    assert headers[-3:] == ["Namn", "Roll", "Kommun"]
    assert "Hylte kommun" in listing.inner_text()
    _shoot(page, "modal_list")

    modal.get_by_role("tab", name="Lägg till kontaktperson").click()
    form = modal.locator("form[data-chooser-modal-creation-form]")
    # Their municipality is the only one offered, and chosen already.
    municipality = form.locator("select[name=municipality]")
    assert municipality.locator("option").all_inner_texts() == ["Hylte kommun"]
    form.locator("input[name=name]").fill(NAME)
    form.locator("input[name=role]").fill(ROLE)
    form.locator("input[name=email]").fill("nora@hylte.example")
    _shoot(page, "modal_create")
    form.get_by_role("button", name="Lägg till och välj").click()

    # The modal closes and the new person is chosen, named with their role.
    modal.wait_for(state="detached")
    chosen = page.locator("#id_contact_links-FORMS .chooser__title", has_text=NAME)
    chosen.wait_for()
    assert chosen.inner_text().strip() == f"{NAME} ({ROLE})"
    _shoot(page, "panel_chosen")

    page.get_by_role("button", name="Spara utkast").click()
    page.wait_for_selector(".messages .success")
    contact = ContactPerson.objects.get(name=NAME)
    assert contact.municipality.slug == "hylte"
    draft = PracticePage.objects.get(pk=practice.pk).get_latest_revision_as_object()
    assert [c.name for c in draft.contact_persons()] == [*before, NAME]

    # Opened again, the form shows it among the chosen contacts.
    page.goto(f"{base}/admin/pages/{practice.pk}/edit/")
    page.get_by_role("tab", name="Fakta").click()
    titles = page.locator("#id_contact_links-FORMS .chooser__title").all_inner_texts()
    assert [title.strip() for title in titles][-1] == f"{NAME} ({ROLE})"
