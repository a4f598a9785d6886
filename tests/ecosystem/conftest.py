"""One showcase site per test module: building it costs seconds, each test then rolls back."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.db import transaction

from tests.showcase import Showcase, build_showcase


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
