"""Checks run inside the browser by the tests in tests/browser/ (kept here so they can be
imported: test folders have no __init__.py)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def browser_unavailable(what: str, reason: str) -> NoReturn:
    """Skip with the reason printed; fail instead when REQUIRE_BROWSER_TESTS=1 (CI)."""
    message = f"{what} not run: {reason}"
    if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
        pytest.fail(f"{message} (REQUIRE_BROWSER_TESTS=1 makes them mandatory)", pytrace=False)
    print(f"\n{message}")  # noqa: T201 - the reason must show in the test log
    pytest.skip(message)


@contextmanager
def launched_chromium(what: str) -> Iterator[Any]:
    """Debian's Chromium driven by Playwright's sync API, closed on exit.

    Only one may be open at a time: the sync API runs an event loop in this thread until it
    closes, and a second one refuses to start inside it.
    """
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        browser_unavailable(what, f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        browser_unavailable(what, f"Playwright is not installed ({exc}); pip install -e '.[dev]'")
    with sync_playwright() as playwright:
        try:
            instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # noqa: BLE001 - any launch failure means "no browser here"
            browser_unavailable(what, f"Chromium at {CHROMIUM} did not start: {exc}")
        try:
            yield instance
        finally:
            instance.close()


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Headings as a screen reader lists them: display:none ones are left out, visually hidden ones
# count. One h1, first; no level skipped on the way down; none empty.
HEADING_ISSUES_JS = """
() => {
  const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]
    .filter(h => h.getClientRects().length > 0);
  const issues = [];
  const h1s = headings.filter(h => h.tagName === 'H1').length;
  if (h1s !== 1) issues.push(`${h1s} h1 elements`);
  if (headings.length && headings[0].tagName !== 'H1') issues.push('the first heading is not h1');
  let previous = 0;
  for (const h of headings) {
    const level = Number(h.tagName[1]);
    const text = h.textContent.trim().replace(/\\s+/g, ' ').slice(0, 50);
    if (!text) issues.push(`empty h${level}`);
    if (previous && level > previous + 1) issues.push(`h${level} "${text}" follows h${previous}`);
    previous = level;
  }
  return issues;
}
"""

# Images, labels, languages, ids and the strict CSP (no inline scripts or styles).
MARKUP_ISSUES_JS = """
(expectedLanguage) => {
  const issues = [];
  const html = document.documentElement;
  if (html.lang !== expectedLanguage) issues.push(`<html lang="${html.lang}">`);
  for (const el of document.querySelectorAll('[lang]')) {
    if (!['sv', 'en'].includes(el.getAttribute('lang'))) {
      issues.push(`lang="${el.getAttribute('lang')}" on <${el.tagName.toLowerCase()}>`);
    }
  }
  for (const img of document.querySelectorAll('img')) {
    const name = img.currentSrc || img.src;
    if (!img.hasAttribute('alt')) issues.push(`img without alt: ${name}`);
    if (!img.getAttribute('width') || !img.getAttribute('height')) {
      issues.push(`img without width and height: ${name}`);
    }
    const link = img.closest('a');
    if (link && img.getAttribute('alt') === '' && !link.textContent.trim()) {
      issues.push(`link with only a decorative image: ${link.href}`);
    }
  }
  const fields = document.querySelectorAll(
    'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea');
  for (const field of fields) {
    const labelled = (field.labels && field.labels.length) || field.getAttribute('aria-label')
      || field.getAttribute('aria-labelledby') || field.getAttribute('title');
    if (!labelled) issues.push(`unlabelled field: ${field.name || field.id}`);
  }
  const ids = {};
  for (const el of document.querySelectorAll('[id]')) ids[el.id] = (ids[el.id] || 0) + 1;
  for (const [id, count] of Object.entries(ids)) if (count > 1) issues.push(`id "${id}" ×${count}`);
  for (const script of document.querySelectorAll('script:not([src])')) {
    if (!/json/.test(script.type || '')) issues.push('inline <script>');
  }
  if (document.querySelector('style')) issues.push('inline <style>');
  for (const el of document.querySelectorAll('[style]')) {
    issues.push(`style attribute on <${el.tagName.toLowerCase()}>`);
  }
  return issues;
}
"""

# Elements that hide part of their text because it no longer fits (after enlarging the text).
CLIPPED_TEXT_JS = """
() => {
  const clipped = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!el.textContent.trim() || el.closest('.visually-hidden, .skip-link')) continue;
    const style = getComputedStyle(el);
    const hidesX = ['hidden', 'clip'].includes(style.overflowX);
    const hidesY = ['hidden', 'clip'].includes(style.overflowY);
    if ((hidesX && el.scrollWidth > el.clientWidth + 1)
        || (hidesY && el.scrollHeight > el.clientHeight + 1)) {
      clipped.push(`<${el.tagName.toLowerCase()} class="${el.className}">`);
    }
  }
  return clipped;
}
"""

HORIZONTAL_OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  return {
    scrollWidth: document.documentElement.scrollWidth,
    width,
    culprits: [...document.querySelectorAll('body *')]
      .filter(el => el.getBoundingClientRect().right > width + 1
                    && !el.closest('.visually-hidden, .skip-link'))
      .slice(0, 5)
      .map(el => `<${el.tagName.toLowerCase()} class="${el.className}">`),
  };
}
"""

# The focused element and whether a focus indicator is drawn around it.
FOCUS_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 60),
    href: el.getAttribute('href'),
    name: el.getAttribute('name'),
    value: el.getAttribute('value'),
    rel: el.getAttribute('rel'),
    classes: el.className,
    focusVisible: el.matches(':focus-visible'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== 'none',
    visible: rect.width > 0 && rect.height > 0,
  };
}
"""


def axe_violations(page: Any) -> list[str]:
    """axe-core (bundled by axe-playwright-python) on the current page, WCAG 2.1 A and AA."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    result = Axe().run(page, options=options)
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in result.response["violations"]
    ]


def tab_until(page: Any, predicate, *, limit: int = 120, backwards: bool = False) -> dict:
    """Press Tab until the focused element satisfies `predicate`, checking on the way that
    every element that takes focus shows a visible focus indicator."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = page.evaluate(FOCUS_JS)
        if focused is None:
            continue
        assert focused["visible"], f"focus went to an invisible element: {focused}"
        assert focused["focusVisible"] and (focused["outline"] or focused["shadow"]), (
            f"no visible focus indicator on {focused}"
        )
        if predicate(focused):
            return focused
    raise AssertionError(f"no element matching the condition within {limit} presses of Tab")


def admin_login(page: Any, base: str, username: str) -> None:
    """Log in to the Wagtail admin through its form, as a demo user (DEMO_PASSWORD)."""
    from django.conf import settings

    page.context.clear_cookies()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", settings.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")
