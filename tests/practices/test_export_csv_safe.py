"""practices.export.csv_safe: the one CSV-injection guard of every CSV file the site serves."""

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from practices.export import FORMULA_PREFIXES, csv_safe


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_text_that_a_spreadsheet_would_run_gets_a_quote(prefix):
    assert csv_safe(f"{prefix}HYPERLINK(1)") == f"'{prefix}HYPERLINK(1)"


@pytest.mark.parametrize("value", ["Språkcafé", "a = b", "", "'=already quoted", " =x"])
def test_other_text_is_left_alone(value):
    assert csv_safe(value) == value


def test_none_is_an_empty_cell_and_numbers_stay_numbers():
    assert csv_safe(None) == ""
    assert csv_safe(-3) == -3
    assert csv_safe(2.5) == 2.5


def test_a_lazy_translation_is_guarded_as_its_text():
    with translation.override("sv"):
        assert csv_safe(gettext_lazy("=SUM(A1)")) == "'=SUM(A1)"
        assert csv_safe(gettext_lazy("Published practices")) == "Publicerade exempel"
