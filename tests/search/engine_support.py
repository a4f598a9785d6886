"""Which search backends the search tests run on (tests/search/conftest.py uses this).

`search_backend_name` is parametrised over "database" and, when a search engine is reachable
through OPENSEARCH_URL (`make search-engine`), "opensearch". SEARCH_TEST_BACKENDS
(comma-separated) picks the backends explicitly: CI's engine step runs tests/search/ with
SEARCH_TEST_BACKENDS=opensearch after the database runs. With REQUIRE_SEARCH_ENGINE=1 (CI)
a missing engine is an error, never a skip.
"""

from __future__ import annotations

import os
import runpy
import shutil
from contextlib import contextmanager
from unittest import mock

import pytest
from django.test import override_settings

# The search settings (star-imported by base.py), run afresh with the test's environment.
SEARCH_SETTINGS = "platform_site.settings.search"
ENGINE_URL = os.environ.get("OPENSEARCH_URL", "")
REQUIRE_ENGINE = os.environ.get("REQUIRE_SEARCH_ENGINE") == "1"


def engine_skip_reason() -> str:
    if shutil.which("java") is None:
        return "no Java on this machine: the OpenSearch tests need Java 17 (`make search-engine`)"
    return "OPENSEARCH_URL is not set: run `make search-engine` and export what it prints"


def chosen_backends() -> list[str]:
    chosen = os.environ.get("SEARCH_TEST_BACKENDS", "")
    if chosen:
        return [name.strip() for name in chosen.split(",") if name.strip()]
    return ["database"] + (["opensearch"] if ENGINE_URL else [])


def engine_config(url: str = ENGINE_URL, **extra) -> dict:
    """The backend settings OPENSEARCH_URL gives (settings/search.py), with a test prefix."""
    with mock.patch.dict(os.environ, {"OPENSEARCH_URL": url}):
        os.environ.pop("ELASTICSEARCH_URL", None)
        loaded = runpy.run_module(SEARCH_SETTINGS)
    config = dict(loaded["WAGTAILSEARCH_BACKENDS"]["default"])
    config.update(INDEX_PREFIX="test_larplattformen_", REFRESH_WRITES=True, **extra)
    return config


def reset_engine_indexes() -> None:
    """Indexes rebuilt from what the database holds now (the database's rollback at the end
    of a test module does not reach the engine): `update_index` fills new indexes and
    switches the aliases, dropping what earlier modules left."""
    from django.core.management import call_command

    call_command("update_index", verbosity=0)


@contextmanager
def backend_active(name: str):
    """Settings selecting one backend for as long as the block runs."""
    if name == "database":
        yield
        return
    if name != "opensearch":
        raise ValueError(f"unknown search test backend {name!r}")
    if not ENGINE_URL:
        if REQUIRE_ENGINE:
            pytest.fail("REQUIRE_SEARCH_ENGINE=1 but OPENSEARCH_URL is not set")
        pytest.skip(engine_skip_reason())
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": engine_config()}):
        reset_engine_indexes()
        yield
