"""Importing all municipalities: `manage.py import_municipalities FILE.csv`."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from municipalities.models import MunicipalityProfile
from tests.learning.learning_helpers import SHARED_CSV, TEST_CSV


@pytest.mark.django_db
def test_import_test_csv_is_idempotent(capsys):
    call_command("import_municipalities", str(TEST_CSV))
    assert MunicipalityProfile.objects.count() == 12
    hylte = MunicipalityProfile.objects.get(code="1315")
    assert (hylte.short_name, hylte.county, hylte.population, hylte.municipality_group) == (
        "Hylte",
        "13",
        10300,
        "C8",
    )
    assert MunicipalityProfile.objects.get(code="0180").short_name == "Stockholm"
    call_command("import_municipalities", str(TEST_CSV))
    out = capsys.readouterr().out
    assert "0 created, 0 updated, 12 unchanged" in out


@pytest.mark.django_db
def test_import_without_population_keeps_existing_values(tmp_path):
    call_command("import_municipalities", str(TEST_CSV), stdout=open("/dev/null", "w"))  # noqa: SIM115
    plain = tmp_path / "plain.csv"
    plain.write_text("code;name\n1315;Hylte kommun\n", encoding="utf-8")
    call_command("import_municipalities", str(plain), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert MunicipalityProfile.objects.get(code="1315").population == 10300


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("code,name\n13x5,Hylte kommun\n", "not four digits"),
        ("code,name,county\n1315,Hylte kommun,14\n", "does not start with its county"),
        ("code,name,population\n1315,Hylte kommun,many\n", "not a whole number"),
        ("code,name\n1315,Hylte kommun\n1315,Hylte igen\n", "already on line 2"),
        ("kod_saknas,namn\n1315,Hylte\n", "missing column"),
        ("code,name,municipality_group\n1315,Hylte kommun,Z9\n", "A1…C9"),
    ],
)
def test_import_refuses_bad_rows_and_imports_nothing(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("import_municipalities", str(path))
    assert MunicipalityProfile.objects.count() == 0


@pytest.mark.django_db
def test_import_missing_file_is_an_error():
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_municipalities", "/nonexistent/kommuner.csv")


@pytest.mark.django_db
def test_import_all_290_from_the_shared_reference_list():
    call_command("import_municipalities", str(SHARED_CSV), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert MunicipalityProfile.objects.count() == 290
    assert MunicipalityProfile.objects.values("county").distinct().count() == 21
    assert MunicipalityProfile.objects.get(code="0114").short_name == "Upplands Väsby"
