"""The learning pages in Chromium: axe-core (WCAG 2.1 A and AA), headings, labels, strict CSP,
and the forms used with JavaScript switched off.

Its own `page` and `page_without_js` start a browser per test (see `chromium`); this `page`
overrides the one of tests/browser/conftest.py. Skipped, with the reason printed, when Chromium
is missing, unless REQUIRE_BROWSER_TESTS=1.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from learning.models import CallForPractices
from learning.related import rebuild_all
from tests import factories
from tests.browser_support import (
    HEADING_ISSUES_JS,
    MARKUP_ISSUES_JS,
    axe_violations,
    launched_chromium,
)
from tests.learning.learning_helpers import TEST_CSV
from tests.showcase import build_showcase

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# One browser per test, not per module: a Playwright session that outlives a test leaves the
# main thread in another context, where Django opens a fresh connection that lacks the
# serialized data, so serialized_rollback silently restores nothing for the next test.
@pytest.fixture
def chromium() -> Iterator[object]:
    with launched_chromium("Learning browser tests") as instance:
        yield instance


def _context(chromium, live_server, *, javascript: bool):
    context = chromium.new_context(
        viewport={"width": 1280, "height": 800}, locale="sv-SE", java_script_enabled=javascript
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and not m.text.startswith("Failed to load resource")
            and page.console_errors.append(m.text)
        ),
    )
    page.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    return context, page


@pytest.fixture
def page(chromium, live_server) -> Iterator[object]:
    context, browser_page = _context(chromium, live_server, javascript=True)
    yield browser_page
    context.close()


@pytest.fixture
def page_without_js(chromium, live_server) -> Iterator[object]:
    context, browser_page = _context(chromium, live_server, javascript=False)
    yield browser_page
    context.close()


def build_learning_site():
    show = build_showcase(extra_practices=4)
    call_command("import_municipalities", str(TEST_CSV), stdout=open(os.devnull, "w"))  # noqa: SIM115
    original = show.sv["practice"]
    adaptation = factories.PracticePageFactory(
        parent=show.sv["other_municipality"],
        title="Språkcafé i Söderhamn",
        slug="sprakcafe-soderhamn",
        summary="Söderhamns version av språkcaféet.",
        adapted_from=original,
    )
    adaptation.save_revision().publish()
    grandchild = factories.PracticePageFactory(
        parent=show.sv["municipality"],
        title="Språkcafé på landet",
        slug="sprakcafe-landet",
        adapted_from=adaptation,
    )
    grandchild.save_revision().publish()
    today = timezone.localdate()
    CallForPractices.objects.create(
        title="Upprop: mötesplatser",
        description="Berätta om era mötesplatser.",
        theme=show.sv["theme"],
        opens_on=today - timedelta(days=1),
        deadline=today + timedelta(days=30),
        locale=show.sv["theme"].locale,
    )
    rebuild_all()
    return show, adaptation


def learning_urls(show, adaptation) -> list[tuple[str, str, str]]:
    urls = []
    for language in ("sv", "en"):
        with translation.override(language):
            urls += [
                (language, "statistics", reverse("learning:statistics")),
                (language, "like mine", reverse("learning:like_mine")),
                (
                    language,
                    "like mine chosen",
                    reverse("learning:like_mine") + "?municipality=2161",
                ),
                (language, "contact", reverse("learning:contact", args=[show.sv["practice"].pk])),
            ]
        urls += [
            (language, "home", show.urls(language)["home"]),
            (language, "practice", show.urls(language)["practice"]),
            (language, "theme", show.urls(language)["theme"]),
            (language, "municipality", show.urls(language)["municipality"]),
        ]
    urls.append(("sv", "adaptation", adaptation.url))
    return urls


def test_learning_pages_pass_axe_and_markup_checks(page, live_server):
    show, adaptation = build_learning_site()
    failures = {}
    for language, name, url in learning_urls(show, adaptation):
        response = page.goto(live_server.url + url, wait_until="load")
        issues = [] if response.status == 200 else [f"status {response.status}"]
        issues += axe_violations(page)
        issues += page.evaluate(HEADING_ISSUES_JS)
        issues += page.evaluate(MARKUP_ISSUES_JS, language)
        issues += [f"console: {error}" for error in page.console_errors]
        page.console_errors.clear()
        if issues:
            failures[f"{language} {name} {url}"] = issues
    assert not failures, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in failures.items())


def test_form_errors_are_accessible(page, live_server):
    show, _adaptation = build_learning_site()
    with translation.override("sv"):
        url = reverse("learning:contact", args=[show.sv["practice"].pk])
    page.goto(live_server.url + url)
    page.fill("#id_name", "Kim")
    page.fill("#id_email", "kim@example.org")
    page.fill("#id_message", "kort")  # too short: an error, announced and linked
    # Let the server judge (the browser's own checks would stop the submission first).
    page.evaluate(
        "() => document.querySelectorAll('[required],[minlength]').forEach(e => {"
        " e.removeAttribute('required'); e.removeAttribute('minlength'); })"
    )
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("[role=alert]").count() >= 1
    assert page.locator("#id_message[aria-invalid=true]").count() == 1
    assert axe_violations(page) == []
    assert mail.outbox == []


def test_forms_work_without_javascript(page_without_js, live_server):
    show, _adaptation = build_learning_site()
    page = page_without_js
    # Municipalities like mine: a plain GET form.
    page.goto(live_server.url + show.urls("sv")["home"])
    page.select_option("#my-municipality-municipality", "2161")
    with page.expect_navigation():
        page.click(".learning-like-mine-teaser button[type=submit]")
    assert "municipality=2161" in page.url
    assert page.locator(".learning-reason").count() >= 1, page.content()[-3000:]
    # Contact the owner, from the practice page itself.
    page.goto(live_server.url + show.urls("sv")["practice"])
    page.fill("#contact-name", "Kim Läsare")
    page.fill("#contact-email", "kim@example.org")
    page.fill("#contact-message", "Hur fick ni volontärerna att stanna?")
    with page.expect_navigation():
        page.click(".learning-contact button[type=submit]")
    assert "sent=1" in page.url
    assert len(mail.outbox) == 1
