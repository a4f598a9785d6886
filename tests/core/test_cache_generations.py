"""core.cache's generation counters: the one invalidation mechanism of the page
cache and of the search's fact sheets."""

from unittest import mock

import pytest
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache

from core.cache import bump_generation_counter, read_generation_counter

KEY = "test:generation"


@pytest.fixture
def cache():
    cache = caches["default"]
    cache.delete(KEY)
    yield cache
    cache.delete(KEY)


def test_a_missing_counter_is_started_once_and_kept(cache):
    first = read_generation_counter(KEY, cache)
    assert first > 0
    assert read_generation_counter(KEY, cache) == first
    assert cache.get(KEY) == first


def test_a_bump_moves_every_reader_on(cache):
    first = read_generation_counter(KEY, cache)
    bump_generation_counter(KEY, cache)
    assert read_generation_counter(KEY, cache) == first + 1


def test_an_evicted_counter_restarts_above_every_value_it_had(cache):
    read_generation_counter(KEY, cache)
    for _ in range(5):
        bump_generation_counter(KEY, cache)
    highest = read_generation_counter(KEY, cache)
    cache.delete(KEY)  # evicted: a bump starts it again
    bump_generation_counter(KEY, cache)
    assert read_generation_counter(KEY, cache) > highest
    cache.delete(KEY)  # evicted: a read starts it again
    assert read_generation_counter(KEY, cache) > highest


def test_an_unreachable_cache_reads_as_none_and_bumps_quietly(caplog):
    broken = mock.Mock()
    broken.get.side_effect = ConnectionError("down")
    broken.incr.side_effect = ConnectionError("down")
    assert read_generation_counter(KEY, broken) is None
    bump_generation_counter(KEY, broken)  # no exception: publishing goes on
    assert "cannot read" in caplog.text and "cannot bump" in caplog.text


def test_a_cache_that_keeps_nothing_has_generation_zero():
    assert read_generation_counter(KEY, DummyCache("dummy", {})) == 0
