"""Fixtures shared by the practice tests."""

from test_index_pages import catalogue  # noqa: F401 - also used by test_filters
