"""Fixtures for the role tests."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from roles_world import World, build_world


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
