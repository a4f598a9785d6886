"""Retire Wagtail's default groups "Editors" and "Moderators".

Wagtail's migrations create them with rights over the whole tree (root page, root collection),
which the role model here does not use: a person put in them by mistake would escape every
municipality boundary. Their rights are removed, and an empty group is deleted; a group that
still has members is kept (emptied of rights) so that nobody's membership vanishes unseen.

The "Moderators approval" task of Wagtail's default workflow (on the root page, so it covers
the pages outside the municipalities, e.g. the English tree's translations) is approved by the
project managers instead of the moderators.
"""

from django.db import migrations

DEFAULT_GROUPS = ("Editors", "Moderators")
DEFAULT_TASK = "Moderators approval"
PROJECT_MANAGERS = "Projektledare"  # municipalities.permissions.roles.PROJECT_MANAGERS


def retire_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    groups = list(Group.objects.filter(name__in=DEFAULT_GROUPS))
    for task in GroupApprovalTask.objects.filter(groups__in=groups).distinct():
        task.groups.remove(*groups)
        if task.name == DEFAULT_TASK or not task.groups.exists():
            managers, _created = Group.objects.get_or_create(name=PROJECT_MANAGERS)
            task.groups.add(managers)
    for group in groups:
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        group.permissions.clear()
        if not group.user_set.exists():
            group.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("municipalities", "0002_municipality_access"),
        ("platform_site", "0001_user"),  # group members (user_set)
        # Every migration that creates these groups or grants them something.
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(retire_default_groups, migrations.RunPython.noop)]
