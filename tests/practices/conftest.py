"""Fixtures shared by the practice tests."""

from test_practice_listing import catalogue  # noqa: F401 - also used by test_practice_filters
