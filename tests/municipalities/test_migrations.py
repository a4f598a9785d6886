"""The move of MunicipalityProfile from learning to municipalities keeps every row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("learning", "0001_initial"), ("municipalities", "0005_merge_20261202_0646")]
AFTER = [
    ("learning", "0002_move_municipality_profile"),
    ("municipalities", "0006_move_municipality_profile"),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_profiles_and_their_content_type_move_to_municipalities():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    old_apps.get_model("learning", "MunicipalityProfile").objects.create(
        code="1315", name="Hylte kommun", short_name="Hylte", county="13", population=10300
    )
    content_type = old_apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="municipalities", model="municipalityprofile").delete()
    moved, _ = content_type.objects.get_or_create(app_label="learning", model="municipalityprofile")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new_apps = executor.loader.project_state(AFTER).apps
    profile = new_apps.get_model("municipalities", "MunicipalityProfile").objects.get(code="1315")
    assert (profile.short_name, profile.county, profile.population) == ("Hylte", "13", 10300)
    moved = new_apps.get_model("contenttypes", "ContentType").objects.get(pk=moved.pk)
    assert (moved.app_label, moved.model) == ("municipalities", "municipalityprofile")

    # Back again: the rows return to learning's table.
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    assert (
        old_apps.get_model("learning", "MunicipalityProfile").objects.filter(code="1315").exists()
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
