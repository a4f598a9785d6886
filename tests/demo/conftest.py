"""The demo, built once per test module that asks for it (``demo``), inside a transaction that
is rolled back afterwards; every test still runs in its own savepoint. Building it takes a few
seconds, and the tests that use it read its pages, its locales and its accounts."""

import io

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

from demo.build import build_demo


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):
            summary = build_demo(stdout=io.StringIO())
        # Wagtail caches the site's root paths; neither this module nor the next may see stale ones.
        cache.clear()
        yield summary
        transaction.set_rollback(True)
    cache.clear()
