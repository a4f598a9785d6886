"""Every public page type, in Swedish and English, checked in Chromium: axe-core (WCAG 2.1 A and
AA), heading order, language, images, labels, the strict CSP, weight, reflow and text size."""

import pytest

from tests.browser_support import (
    CLIPPED_TEXT_JS,
    HEADING_ISSUES_JS,
    HORIZONTAL_OVERFLOW_JS,
    MARKUP_ISSUES_JS,
    axe_violations,
)
from tests.showcase import build_showcase

pytestmark = [
    pytest.mark.browser,
    # live_server runs in another thread: the data must be committed, so transactional tests;
    # serialized_rollback restores Wagtail's root page and locales that the flush removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MAX_SCRIPT_BYTES = 20_000


def all_urls(show) -> list[tuple[str, str, str]]:
    urls = []
    for language in ("sv", "en"):
        for name, url in show.urls(language).items():
            urls.append((language, name, url))
    # The practice index with a filter chosen, so checked boxes and the filtered state count too.
    urls.append(("sv", "filtered index", show.sv["practice_index"].url + "?target_group=barn"))
    return urls


def report(failures: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}:\n  " + "\n  ".join(issues) for where, issues in failures.items())


def test_axe_finds_no_wcag_21_aa_violations_on_any_page_type(page, live_server):
    show = build_showcase()
    failures = {}
    for language, name, url in all_urls(show):
        page.goto(live_server.url + url)
        violations = axe_violations(page)
        if violations:
            failures[f"{language} {name} {url}"] = violations
    assert not failures, report(failures)


def test_headings_language_images_labels_and_no_inline_code(page, live_server):
    show = build_showcase()
    failures = {}
    for language, name, url in all_urls(show):
        page.watch.reset()
        response = page.goto(live_server.url + url, wait_until="load")
        expected_status = 404 if name == "not_found" else 200
        issues = [] if response.status == expected_status else [f"status {response.status}"]
        issues += page.evaluate(HEADING_ISSUES_JS)
        issues += page.evaluate(MARKUP_ISSUES_JS, language)
        issues += [f"console: {error}" for error in page.watch.console_errors]
        issues += [f"request to another host: {url}" for url in page.watch.foreign_requests]
        issues += [f"failed request: {failed}" for failed in page.watch.failed_requests]
        if page.watch.script_bytes > MAX_SCRIPT_BYTES:
            issues.append(f"{page.watch.script_bytes} bytes of JavaScript")
        broken = page.evaluate(
            "() => [...document.images].filter(i => i.loading !== 'lazy' && i.complete"
            " && i.naturalWidth === 0).map(i => i.currentSrc || i.src)"
        )
        issues += [f"image did not load: {src}" for src in broken]
        if issues:
            failures[f"{language} {name} {url}"] = issues
    assert not failures, report(failures)


def test_passages_in_the_other_language_are_marked(page, live_server):
    show = build_showcase()
    # The language switcher names each language in that language.
    page.goto(live_server.url + show.sv["practice"].url)
    assert page.locator(".language-switcher a[lang='en']").inner_text() == "English"
    page.goto(live_server.url + show.en["practice"].url)
    assert page.locator(".language-switcher a[lang='sv']").inner_text() == "Svenska"
    # Image descriptions are written in Swedish; on English pages they say so.
    hero = page.locator(".practice__hero img")
    assert hero.get_attribute("lang") == "sv"
    assert hero.get_attribute("alt") == show.image.description


def test_reflow_at_320_css_pixels_and_text_at_200_percent(page, live_server):
    show = build_showcase()
    failures = {}
    for language, name, url in all_urls(show):
        issues = []
        # WCAG 1.4.10: at 320 CSS px (1280 px zoomed to 400 %) nothing scrolls sideways.
        page.set_viewport_size({"width": 320, "height": 720})
        page.goto(live_server.url + url)
        narrow = page.evaluate(HORIZONTAL_OVERFLOW_JS)
        if narrow["scrollWidth"] > 320:
            issues += [
                f"scrolls sideways at 320 px: {narrow['scrollWidth']} px",
                *narrow["culprits"],
            ]
        # WCAG 1.4.4: what a reader's "text size 200 %" setting does: every rem and em doubles.
        page.set_viewport_size({"width": 1280, "height": 800})
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        wide = page.evaluate(HORIZONTAL_OVERFLOW_JS)
        if wide["scrollWidth"] > wide["width"]:
            issues += [f"scrolls sideways with 200 % text: {wide['scrollWidth']} px"]
        issues += [f"text clipped with 200 % text: {el}" for el in page.evaluate(CLIPPED_TEXT_JS)]
        if issues:
            failures[f"{language} {name} {url}"] = issues
    assert not failures, report(failures)
