"""core.locales: the one definition of the reader's language and locale."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from core.locales import active_language, active_locale


@pytest.mark.parametrize(
    ("activated", "expected"),
    [("sv", "sv"), ("en", "en"), ("en-gb", "en"), ("sv-se", "sv"), ("fi", "sv")],
)
def test_active_language_is_a_content_language(activated, expected):
    with translation.override(activated):
        assert active_language() == expected


def test_without_an_active_language_the_default_is_used():
    with translation.override(None):
        assert active_language() == "sv"


def test_active_language_needs_no_database(django_assert_num_queries, db):
    with translation.override("en"), django_assert_num_queries(0):
        active_language()


def test_active_locale_follows_the_active_language(locales):
    with translation.override("en"):
        assert active_locale() == locales["en"]
    with translation.override("en-gb"):
        assert active_locale() == locales["en"]
    with translation.override("sv"):
        assert active_locale() == locales["sv"]


def test_a_language_without_a_locale_falls_back_to_the_default_locale(db):
    sv, _ = Locale.objects.get_or_create(language_code="sv")
    Locale.objects.filter(language_code="en").delete()
    with translation.override("en"):
        assert active_locale() == sv
    with translation.override("fi"):
        assert active_locale() == sv
