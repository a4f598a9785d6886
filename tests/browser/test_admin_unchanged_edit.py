"""Opening a page in the editor and leaving it unchanged creates no revision (issue 12).

One demo page of every page type is opened in Chromium as the demo user who would edit it (a
municipality's editor for its pages, the project manager for the rest); the test focuses each
rich-text editor without typing, as a reader of the form does, waits past the autosave interval
and counts the page's revisions. A control types one letter and expects autosave to save, so the
test would notice a phantom draft.
"""

from __future__ import annotations

import io
import time

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import override_settings
from wagtail.models import Page, Revision, get_page_models

from demo.build import build_demo
from municipalities.models import MunicipalityPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Autosave checks for changes this often (ms); Wagtail's default is 500. The form is compared
# with its state two seconds after loading (Wagtail's UnsavedController), so 4 s is well past
# both the first comparison and several autosave rounds.
AUTOSAVE_INTERVAL = 250
WAIT_AFTER_LOAD = 4.0


def _editor_of(page: Page) -> str:
    municipality = MunicipalityPage.objects.ancestor_of(page, inclusive=True).first()
    if municipality is not None:
        return f"{municipality.get_translation(page.locale).slug}-redaktor"
    return "projektledare"


def _one_page_per_type() -> list[Page]:
    """A Swedish (source-language) demo page of every concrete page type of the project."""
    pages = []
    for model in get_page_models():
        if model is Page:
            continue
        page = model.objects.filter(locale__language_code="sv").order_by("path").first()
        if page is not None:
            pages.append(page)
    return pages


def _revisions(page: Page) -> int:
    # On SQLite the live server's autosave may hold the table for a moment while we poll
    # ("database table is locked"): ask again rather than fail on the probe itself.
    for _attempt in range(40):
        try:
            return Revision.page_revisions.filter(object_id=str(page.pk)).count()
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.25)
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def _log_in(browser, base_url: str, username: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    context.set_default_timeout(20_000)
    tab = context.new_page()
    tab.goto(f"{base_url}/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", settings.DEMO_PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{base_url}/admin/")
    return context, tab


def _open_and_leave(tab, base_url: str, page: Page) -> None:
    response = tab.goto(f"{base_url}/admin/pages/{page.pk}/edit/")
    assert response.status == 200, f"{page.url_path}: edit view answered {response.status}"
    tab.wait_for_selector("form[data-controller~='w-autosave']", state="attached")
    editors = tab.locator(".public-DraftEditor-content:visible")
    for index in range(editors.count()):
        editors.nth(index).click()
    time.sleep(WAIT_AFTER_LOAD)


@override_settings(WAGTAIL_AUTOSAVE_INTERVAL=AUTOSAVE_INTERVAL)
def test_opening_every_page_type_unchanged_creates_no_revision(browser, live_server, migrated_db):
    with override_settings(DEBUG=True):
        build_demo(stdout=io.StringIO(), accounts=True)
    pages = _one_page_per_type()
    models = {type(page.specific).__name__ for page in pages}
    assert {"HomePage", "PracticePage", "MunicipalityPage", "StandardPage", "ThemePage"} <= models

    changed = {}
    contexts = {}
    try:
        for page in pages:
            user = _editor_of(page)
            if user not in contexts:
                contexts[user] = _log_in(browser, live_server.url, user)
            before = _revisions(page)
            _open_and_leave(contexts[user][1], live_server.url, page)
            after = _revisions(page)
            if after != before or Page.objects.get(pk=page.pk).has_unpublished_changes:
                changed[f"{type(page.specific).__name__} {page.url_path} as {user}"] = (
                    before,
                    after,
                )
        assert not changed, f"opening these pages unchanged saved a draft: {changed}"

        # Control: one typed letter is autosaved, so the counts above could have moved.
        practice = next(p for p in pages if type(p.specific).__name__ == "PracticePage")
        tab = contexts[_editor_of(practice)][1]
        tab.goto(f"{live_server.url}/admin/pages/{practice.pk}/edit/")
        time.sleep(2.5)
        before = _revisions(practice)
        tab.locator("#id_title").press("End")
        tab.locator("#id_title").type("!")
        deadline = time.monotonic() + 15
        while _revisions(practice) == before and time.monotonic() < deadline:
            time.sleep(0.25)
        assert _revisions(practice) == before + 1, "autosave did not save a real change"
    finally:
        for context, _tab in contexts.values():
            context.close()
