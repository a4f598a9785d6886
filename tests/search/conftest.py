"""Parametrises the search tests over the backends (see engine_support.py)."""

from tests.search.engine_support import chosen_backends


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
