"""Parametrises the search tests over the backends (see engine_support.py), and the corpus
that the modules searching through Wagtail's API or the search page share."""

import pytest

from tests.search.engine_support import backend_active, chosen_backends
from tests.search.search_corpus import module_corpus, reset_search_state


def pytest_generate_tests(metafunc):
    if "search_backend_name" in metafunc.fixturenames:
        metafunc.parametrize("search_backend_name", chosen_backends(), scope="module")


def pytest_collection_modifyitems(config, items):
    # Tests of the database backend's own machinery (SQL, vocabulary table) do not apply to
    # an engine: they run on the database parameter only.
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        name = callspec.params.get("search_backend_name") if callspec else None
        if name and name != "database" and item.get_closest_marker("database_backend_only"):
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "database_backend_only: tests our database backend's own machinery"
    )


@pytest.fixture(scope="module")
def corpus(search_backend_name, django_db_setup, django_db_blocker):
    """The corpus of search_corpus.py, built once per module on the backend being tested."""
    with (
        django_db_blocker.unblock(),
        backend_active(search_backend_name),
        module_corpus(django_db_blocker) as data,
    ):
        yield data


@pytest.fixture
def fresh_search_state(db):
    """No facts or cached site data from an earlier test, before or after this one (a module
    asks for it with ``pytestmark = pytest.mark.usefixtures("fresh_search_state")``)."""
    reset_search_state()
    yield
    reset_search_state()
