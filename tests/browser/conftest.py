"""Real-browser tests: Debian's Chromium driven by Playwright, one browser per module.

Without Chromium the tests skip with the reason printed, except when REQUIRE_BROWSER_TESTS=1
(CI sets it): then a missing browser is a failure, so CI cannot pass without running them.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings

from tests import migrated_data
from tests.browser_support import launched_chromium

# Playwright's sync API runs an event loop in this thread; Django's ORM (used by the tests to
# build data) would otherwise refuse to run next to it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def _clean_database_after_module(django_db_blocker) -> Iterator[None]:
    """Put the migrated data back, with its original ids, once the module's browser is closed.

    While Playwright's loop ran, Django's flush after each test may have used a context-local
    connection that does not know about serialized_rollback, and so re-run post_migrate, which
    creates content types with new ids; the next serialized_rollback test elsewhere would then
    fail to load its data over them.
    """
    yield
    with django_db_blocker.unblock():
        for alias, contents in migrated_data.MIGRATED_DATA.items():
            migrated_data.restore(alias, contents)


# Module scope, not session: a Playwright sync session keeps an event loop running in this
# thread until it closes, and the browser tests in other folders start their own.
@pytest.fixture(scope="module")
def browser(_clean_database_after_module) -> Iterator[object]:
    with launched_chromium("Browser tests") as instance:
        yield instance


@pytest.fixture(scope="session", autouse=True)
def _migrated_data(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Keep the migrated data for restoring, and put it back after the last test.

    Why not rely on serialized_rollback alone: once Playwright's sync API runs, an asyncio loop
    is running in this thread, so Django hands out different (context-local) connection objects
    than the one the serialised data was stored on, and the restore is silently skipped.
    """
    migrated_data.keep()
    yield
    # Leave a migrated database behind, not the empty one of the last flush, so that the next
    # run with --reuse-db starts from the right state.
    with django_db_blocker.unblock():
        migrated_data.restore_where_missing()


@pytest.fixture
def migrated_db(transactional_db) -> None:
    """A transactional test database holding what the migrations created, every time."""
    migrated_data.restore_where_missing()


class PageWatch:
    """What a page did besides rendering: console errors (CSP violations among them), failed
    and foreign requests, and how much JavaScript it loaded."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.failed_requests: list[str] = []
        self.script_bytes = 0

    def reset(self) -> None:
        self.console_errors.clear()
        self.foreign_requests.clear()
        self.failed_requests.clear()
        self.script_bytes = 0


def _serve_media(route) -> None:
    """live_server serves static files but not uploads (DEBUG is off): read them from disk."""
    path = unquote(urlsplit(route.request.url).path)
    relative = path.removeprefix(settings.MEDIA_URL)
    file = (Path(settings.MEDIA_ROOT) / relative).resolve()
    if Path(settings.MEDIA_ROOT).resolve() not in file.parents or not file.is_file():
        route.fulfill(status=404, body="")
        return
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    if file.suffix == ".avif":
        content_type = "image/avif"
    route.fulfill(status=200, body=file.read_bytes(), headers={"Content-Type": content_type})


@pytest.fixture
def page(browser, live_server, migrated_db) -> Iterator[object]:
    """A fresh browser context per test (no cookies carried over), at 1280×800."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="sv-SE")
    context.set_default_timeout(15_000)
    browser_page = context.new_page()
    watch = PageWatch(live_server.url)
    browser_page.watch = watch

    def on_console(message) -> None:
        # Failed loads are reported below with their URL; the page's own 404 is expected.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            watch.console_errors.append(message.text)

    def on_request(request) -> None:
        if not request.url.startswith((live_server.url, "data:", "blob:")):
            watch.foreign_requests.append(request.url)

    def on_response(response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            watch.failed_requests.append(f"{response.status} {response.url}")
        if response.request.resource_type == "script":
            try:
                watch.script_bytes += len(response.body())
            except Exception:  # noqa: BLE001, S110 - a body that cannot be read counts as nothing
                pass

    browser_page.on("console", on_console)
    browser_page.on("request", on_request)
    browser_page.on("response", on_response)
    browser_page.route(f"{live_server.url}{settings.MEDIA_URL}**", _serve_media)
    # Anything else off the test server is blocked and recorded: the site must not need it.
    browser_page.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    yield browser_page
    context.close()
