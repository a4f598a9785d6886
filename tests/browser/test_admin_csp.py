"""The Wagtail admin works under its Content-Security-Policy, in a real browser.

The public policy is strict; /admin/ gets ADMIN_CONTENT_SECURITY_POLICY. This logs in through
the real login form and uses the page editor, the live preview and the listings, failing on any
CSP violation the browser reports. Debian's Chromium via Playwright; without it the test skips
with the reason printed, unless REQUIRE_BROWSER_TESTS=1 (CI) makes it mandatory.
"""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from tests import factories
from tests.browser_support import launched_chromium

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread

PASSWORD = "ett-langt-testlosenord"  # noqa: S105

# live_server empties the tables after each test; serialized_rollback restores the rows the
# migrations created (root page, default locale and site), which the next test needs.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def chromium_page():
    with launched_chromium("Admin CSP browser test") as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.set_default_timeout(20_000)
        page = context.new_page()
        page.csp_violations = []

        def on_console(message) -> None:
            text = message.text
            if "Content Security Policy" in text or "Refused to" in text:
                page.csp_violations.append(f"{page.url}: {text}")

        page.on("console", on_console)
        # Violations in every frame (the preview, choosers), also those with no console line.
        context.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => console.error("
            "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
        )
        yield page
        context.close()


def log_in(page, base: str, django_user_model) -> None:
    django_user_model.objects.create_superuser("redaktor", "r@kommun.example", PASSWORD)
    page.goto(base + reverse("wagtailadmin_login"))
    page.fill("input[name=username]", "redaktor")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + reverse("wagtailadmin_home"))


def test_admin_editor_and_preview_work_under_the_admin_policy(
    chromium_page, live_server, site_tree, django_user_model
):
    practice = factories.PracticePageFactory(parent=site_tree["municipality_sv"])
    page = chromium_page
    base = live_server.url
    log_in(page, base, django_user_model)

    for url in (
        reverse("wagtailadmin_explore", args=[site_tree["municipality_sv"].pk]),
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
    ):
        response = page.goto(base + url)
        assert response.status == 200, url

    response = page.goto(base + reverse("wagtailadmin_pages:edit", args=[practice.pk]))
    assert response.status == 200
    # Draftail and the StreamField are built by JavaScript: they appear only if scripts ran.
    page.wait_for_selector(".Draftail-Editor", state="attached")
    page.wait_for_selector("[data-streamfield-stream-container], .c-sf-container", state="attached")
    page.click("[data-side-panel-toggle='preview']")
    # Wagtail swaps the preview iframe when it reloads: locate it afresh, not by handle.
    preview_main = page.frame_locator("iframe[id^='w-preview-iframe']").last.locator("main")
    preview_main.wait_for(timeout=20_000)
    assert practice.title in preview_main.inner_text()

    assert page.csp_violations == []


def test_public_page_reports_no_violation_of_the_strict_policy(
    chromium_page, live_server, site_tree
):
    practice = factories.PracticePageFactory(parent=site_tree["municipality_sv"])
    page = chromium_page
    for url in (site_tree["home_sv"].url, site_tree["practice_index_sv"].url, practice.url):
        response = page.goto(live_server.url + url)
        assert response.status == 200
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert page.csp_violations == []


# Open the tab and the collapsed panels that hold a field, as an editor would click them.
REVEAL_JS = """
(selector) => {
  const field = document.querySelector(selector);
  const tabpanel = field.closest('[role=tabpanel]');
  if (tabpanel && tabpanel.hidden) {
    document.querySelector(`[role=tab][aria-controls="${tabpanel.id}"]`).click();
  }
  for (let node = field.parentElement; node; node = node.parentElement) {
    const toggle = node.querySelector(':scope > .w-panel__header [data-panel-toggle]');
    if (toggle && toggle.getAttribute('aria-expanded') === 'false') toggle.click();
  }
}
"""


def test_admin_policy_allows_no_eval(client, db):
    response = client.get(reverse("wagtailadmin_login"))
    script_src = next(
        part
        for part in response["Content-Security-Policy"].split(";")
        if part.strip().startswith("script-src")
    )
    assert "'unsafe-eval'" not in script_src


def test_admin_widgets_work_without_unsafe_eval(
    chromium_page, live_server, site_tree, django_user_model
):
    """The page editor's script-heavy parts, driven as an editor would, under a policy
    without 'unsafe-eval': Draftail, adding a StreamField block, the image and page
    choosers, the date pickers, and listings with filters."""
    practice = factories.PracticePageFactory(parent=site_tree["municipality_sv"])
    page = chromium_page
    base = live_server.url
    log_in(page, base, django_user_model)

    response = page.goto(base + reverse("wagtailadmin_pages:edit", args=[practice.pk]))
    assert "'unsafe-eval'" not in response.headers["content-security-policy"]
    page.wait_for_selector(".Draftail-Editor", state="attached")

    # Draftail: type into a rich-text field.
    challenge = page.locator("[data-contentpath='challenge'] [contenteditable='true']").first
    challenge.click()
    page.keyboard.type("Språkcafé varje tisdag")
    assert "Språkcafé varje tisdag" in challenge.inner_text()

    # StreamField: add a block to the story; its fields appear.
    body = page.locator("[data-contentpath='body']").first
    fields_before = body.locator("[data-contentpath]").count()
    body.locator("button.c-sf-add-button").first.click()
    page.locator("[role='option'], .w-combobox__option").first.click()
    page.wait_for_function(
        "([n]) => document.querySelector(\"[data-contentpath='body']\")"
        ".querySelectorAll('[data-contentpath]').length > n",
        arg=[fields_before],
    )

    # Choosers: the image and the page chooser open their modal with results, and close.
    for field in ("hero_image", "adapted_from"):
        page.evaluate(REVEAL_JS, f"[data-contentpath='{field}']")
        page.locator(f"[data-contentpath='{field}'] [data-chooser-action-choose]").first.click()
        modal = page.locator(".modal-content").last
        modal.wait_for(state="visible")
        modal.locator("h1, h2").first.wait_for()
        modal.locator("button[data-dismiss='modal']").click()
        modal.wait_for(state="hidden")

    # The date widgets are set up by inline scripts in Wagtail's template: one picker each
    # (started, ended, last verified) exists only if those scripts ran.
    assert page.locator(".xdsoft_datetimepicker").count() >= 3

    # Listings with filters and a search.
    municipality = site_tree["municipality_sv"]
    for url in (
        reverse("wagtailadmin_explore", args=[municipality.pk]) + "?ordering=title",
        reverse("wagtailimages:index") + "?collection_id=1",
        reverse("wagtailsnippets_municipalities_contactperson:list")
        + f"?municipality={municipality.pk}",
        reverse("wagtailadmin_pages:search") + "?q=Hylte",
    ):
        response = page.goto(base + url)
        assert response.status == 200, url

    assert page.csp_violations == []
