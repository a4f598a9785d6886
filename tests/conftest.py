"""Shared fixtures: a minimal bilingual site tree built with the factories, and the showcase
site and the roles world (tests/municipalities/roles_world.py), each built once per test module."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Locale, Page, Site

from tests import factories, migrated_data
from tests.municipalities.roles_world import World, build_world
from tests.showcase import Showcase, build_showcase


@pytest.fixture
def locales(db) -> dict[str, Locale]:
    sv, _ = Locale.objects.get_or_create(language_code="sv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return {"sv": sv, "en": en}


@pytest.fixture
def site_tree(locales) -> dict:
    """Home, practice index, municipality index and theme index in Swedish and English."""
    return factories.build_site_tree(locales)


@pytest.fixture
def practice(site_tree):
    return factories.PracticePageFactory(parent=site_tree["municipality_sv"])


@pytest.fixture
def root_page(db) -> Page:
    return Page.get_first_root_node()


@pytest.fixture
def default_site(site_tree) -> Site:
    return Site.objects.get(is_default_site=True)


# One showcase site per test module: building it costs seconds, each test then rolls back.
@pytest.fixture(scope="module")
def module_showcase(django_db_setup, django_db_blocker) -> Iterator[Showcase]:
    # The module's data lives in an outer transaction; each test's own transaction is a
    # savepoint inside it (pytest-django's `db`), so tests cannot leak changes into each other.
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_showcase()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


@pytest.fixture
def showcase(module_showcase: Showcase, db) -> Showcase:
    """The module's showcase. Tests that change a page fetch their own copy from the database."""
    return module_showcase


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Two municipalities and their people, built once per module.

    Built inside a transaction that stays open for the module and is rolled back at its end;
    each test runs in a nested savepoint (pytest-django's ``db``), so whatever a test changes
    is undone before the next one.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()  # Wagtail caches site roots by id; those ids are gone now


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A transactional test without serialized rollback ends with a flush that re-creates the
    # content types (post_migrate) but not the migrated rows; the next serialized test then
    # fails to load its snapshot over them (CI failed so, depending on the order of modules).
    unserialized = [
        item.nodeid
        for item in items
        if (marker := item.get_closest_marker("django_db"))
        and marker.kwargs.get("transaction")
        and not marker.kwargs.get("serialized_rollback")
    ]
    if unserialized:
        raise pytest.UsageError(
            "django_db(transaction=True) needs serialized_rollback=True: " + ", ".join(unserialized)
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    # A transactional test leaves an empty database (its flush); a plain database test after it
    # on the same worker needs the migrated rows back. Serialized tests load them themselves.
    result = yield
    if _transactional(item) and nextitem is not None and not _transactional(nextitem):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            if not migrated_data.MIGRATED_DATA:
                migrated_data.keep()
            migrated_data.restore_where_missing()
    return result


def _transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(marker and marker.kwargs.get("transaction")) or any(
        name in fixtures for name in ("transactional_db", "live_server")
    )
