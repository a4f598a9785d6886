"""An integration officer's first hour in the admin, in Chromium, as the demo users
(hylte-redaktor, projektledare): no phantom draft from an abandoned "add" form, the
reviewer's request at the top of the edit screen and on the dashboard, a form that explains
itself, the explorer at the editor's municipality, a Swedish admin. Screenshots at 1280 and
360 px go to ADMIN_SCREENSHOTS (a directory) when it is set."""

import os
import re
from pathlib import Path

import pytest
from django.test import override_settings

from tests.browser_support import admin_login, browser_unavailable  # noqa: F401 - the skip rule

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Språkcafé för föräldrar"
COMMENT = "Lägg till resultat från höstens uppföljning."


def _shoot(page, name: str) -> None:
    folder = os.environ.get("ADMIN_SCREENSHOTS")
    if not folder:
        return
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=str(Path(folder) / f"{name}_{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})


# Wagtail's unsaved-changes controller compares the form with a copy it takes 2 s after it
# connects, and says so with "w-unsaved:watch-edits"; typing before that is not seen as a change,
# so no autosave follows. On the edit view it connects twice (two "w-unsaved:ready"), each time
# taking its copy 2 s later: wait for the last copy, not a fixed pause (too short under load).
WATCH_EDITS_JS = """
window.unsavedReady = 0; window.watchEdits = 0;
document.addEventListener('w-unsaved:ready', () => { window.unsavedReady += 1; }, true);
document.addEventListener('w-unsaved:watch-edits', () => { window.watchEdits += 1; }, true);
"""


def _editor_ready(page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => window.unsavedReady > 0 && window.watchEdits >= window.unsavedReady",
        timeout=30_000,
    )


def test_first_hour_of_an_integration_officer(page, live_server):
    from django.core.cache import cache

    from demo.build import build_demo
    from practices.models import PracticePage

    # Earlier browser modules' data is gone (flushed), but cached lookups of it are not.
    cache.clear()
    with override_settings(DEBUG=True):
        build_demo(accounts=True)
    from municipalities.models import MunicipalityPage

    hylte = MunicipalityPage.objects.get(slug="hylte", locale__language_code="sv")
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())
    page.add_init_script(WATCH_EDITS_JS)
    # Every autosave attempt, and whether something (our script) cancelled it.
    page.add_init_script(
        "window.autosaves = []; document.addEventListener('w-autosave:save', "
        "(e) => setTimeout(() => window.autosaves.push(e.defaultPrevented)), true);"
    )
    posts: list[str] = []
    page.on("request", lambda r: r.method == "POST" and posts.append(r.url))

    # The dashboard: "Nytt gott exempel" and "Mina utkast"; the explorer at Hylte, in Swedish.
    admin_login(page, base, "hylte-redaktor")
    assert page.get_by_role("link", name="Nytt gott exempel").is_visible()
    assert page.get_by_role("link", name="Mina utkast").first.is_visible()
    _shoot(page, "editor_dashboard")
    page.goto(base + "/admin/pages/")
    assert page.url == f"{base}/admin/pages/{hylte.pk}/"
    assert "Exploring" not in page.title() and "Root" not in page.title()
    assert not re.search(r"\d+-\d+ of \d+", page.content())
    _shoot(page, "editor_explorer")

    # An abandoned "add" form leaves nothing behind, however long it stays open.
    page.goto(base + "/admin/")
    page.get_by_role("link", name="Nytt gott exempel").click()
    _editor_ready(page)
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Ett språkcafé för nyanlända föräldrar.")
    page.wait_for_timeout(4000)  # eight autosave intervals
    # Any attempt Wagtail's autosave made was cancelled by our script.
    assert page.evaluate("window.autosaves").count(False) == 0
    assert [url for url in posts if "/pages/add/" in url] == []
    assert not PracticePage.objects.filter(title=TITLE).exists()
    assert page.get_by_text("Internt uppföljt: Ni har själva mätt resultatet").count() == 1
    assert page.get_by_text("A comma-separated list of tags.").count() == 0
    _shoot(page, "editor_add_form")
    page.goto(base + "/admin/")

    # Starting again with the same title works, and the saved page then autosaves.
    page.get_by_role("link", name="Nytt gott exempel").click()
    _editor_ready(page)
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Ett språkcafé för nyanlända föräldrar.")
    # Wagtail fills the slug from the title in the browser (debounced): wait for it, as a person
    # would see it, before saving.
    page.wait_for_function("() => document.querySelector('#id_slug').value !== ''")
    page.get_by_role("button", name="Spara utkast").click()
    page.wait_for_url(
        re.compile(r"/admin/pages/\d+/edit/"), wait_until="domcontentloaded", timeout=60_000
    )
    practice = PracticePage.objects.get(title=TITLE)
    assert practice.get_parent().pk == hylte.pk
    _editor_ready(page)
    # The autosave's answer, not only its request: it has saved before the test goes on.
    with page.expect_response(
        lambda r: r.request.method == "POST" and f"/pages/{practice.pk}/edit/" in r.url,
        timeout=20_000,
    ) as autosave:
        page.fill("#id_summary", "Ett språkcafé för nyanlända föräldrar, varje tisdag.")
    assert autosave.value.ok, autosave.value.status

    # Sent back by the project manager with a comment.
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    editor, manager = users.get(username="hylte-redaktor"), users.get(username="projektledare")
    practice = PracticePage.objects.get(pk=practice.pk)
    workflow = practice.get_workflow()
    workflow.start(practice, editor)
    task_state = practice.current_workflow_task_state
    task_state.task.specific.on_action(task_state, manager, "reject", comment=COMMENT)

    page.goto(f"{base}/admin/pages/{practice.pk}/edit/")
    banner = page.locator("[data-review-request]").first
    assert banner.inner_text().startswith(f"Ändringar begärda av {manager.get_full_name()}, ")
    assert COMMENT in banner.inner_text()
    box = banner.bounding_box()
    assert box is not None and box["y"] < 400, box  # at the top, no panel to open
    _shoot(page, "editor_changes_requested")
    page.goto(base + "/admin/")
    panel = page.locator("#needs-changes-section, [id^=needs-changes]").first
    assert "Behöver dina ändringar" in page.content()
    assert COMMENT in panel.inner_text() or COMMENT in page.content()
    page.goto(f"{base}/admin/pages/{practice.pk}/workflow_history/")
    _shoot(page, "editor_workflow_history")

    # The project manager keeps Wagtail's whole-tree explorer.
    admin_login(page, base, "projektledare")
    page.goto(base + "/admin/pages/")
    assert page.url == f"{base}/admin/pages/"
    _shoot(page, "manager_explorer")
