"""Shared fixtures: a minimal bilingual site tree built with the factories."""

import pytest
from wagtail.models import Locale, Page, Site

from tests import factories


@pytest.fixture
def locales(db) -> dict[str, Locale]:
    sv, _ = Locale.objects.get_or_create(language_code="sv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return {"sv": sv, "en": en}


@pytest.fixture
def site_tree(locales) -> dict:
    """Home, practice index, municipality index and theme index in Swedish and English."""
    return factories.build_site_tree(locales)


@pytest.fixture
def practice(site_tree):
    return factories.PracticePageFactory(parent=site_tree["municipality_sv"])


@pytest.fixture
def root_page(db) -> Page:
    return Page.get_first_root_node()


@pytest.fixture
def default_site(site_tree) -> Site:
    return Site.objects.get(is_default_site=True)
