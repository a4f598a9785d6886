"""Project managers review suggested practices: the model permissions for their group."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PROJECT_MANAGERS = "Projektledare"
CODENAMES = ["view_practicesuggestion", "change_practicesuggestion", "delete_practicesuggestion"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; this one needs them now.
    config = apps.get_app_config("outreach")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=PROJECT_MANAGERS)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="outreach", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=PROJECT_MANAGERS).first()
    if group is not None:
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="outreach", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0002_practice_suggestions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
