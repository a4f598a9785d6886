"""The Experter group, the expert step in the review workflow, and the first criteria.

Project managers edit the criteria afterwards (snippets); they are published at /sv/expertvalidering/.
"""

import uuid

from django.contrib.auth.management import create_permissions
from django.db import migrations

EXPERTS = "Experter"
PROJECT_MANAGERS = "Projektledare"
REVIEW_WORKFLOW = "Granskning"
EXPERT_TASK = "Expertvalidering"
CRITERIA = [
    (
        "Resultaten är dokumenterade",
        "Results are documented",
        "Vad arbetet har lett till är beskrivet, med siffror eller iakttagelser och hur de togs fram.",
        "What the work led to is described, with figures or observations and how they were gathered.",
    ),
    (
        "Evidensnivån är motiverad",
        "The evidence level is justified",
        "Den angivna evidensnivån stämmer med hur resultaten har följts upp eller utvärderats.",
        "The stated evidence level matches how the results were followed up or evaluated.",
    ),
    (
        "Överförbarheten är beskriven",
        "Transferability is described",
        "Det framgår vad som krävs för att en annan kommun ska kunna göra samma sak.",
        "It is clear what another municipality would need to do the same.",
    ),
    (
        "Källor är angivna",
        "Sources are cited",
        "Uppgifterna går att följa tillbaka till rapporter, utvärderingar eller andra källor.",
        "The information can be traced to reports, evaluations or other sources.",
    ),
]
CODENAMES = [f"{a}_validationcriterion" for a in ("add", "change", "delete", "view")]


def forwards(apps, schema_editor):
    config = apps.get_app_config("validation")
    config.models_module = True  # permissions are normally created after all migrations
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    experts, _ = Group.objects.get_or_create(name=EXPERTS)
    # The experts work in Wagtail's admin: its workflow dashboard and the pages' review dialog.
    experts.permissions.add(
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    managers, _ = Group.objects.get_or_create(name=PROJECT_MANAGERS)
    managers.permissions.add(
        *Permission.objects.filter(content_type__app_label="validation", codename__in=CODENAMES)
    )

    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("validation", "ExpertValidationTask")
    task = Task.objects.filter(name=EXPERT_TASK).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="validation", model="expertvalidationtask"
        )
        task = Task.objects.create(name=EXPERT_TASK, content_type=content_type)
    task.groups.add(experts)
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    workflow = Workflow.objects.filter(name=REVIEW_WORKFLOW).first()
    if workflow is not None and not WorkflowTask.objects.filter(workflow=workflow, task_id=task.pk).exists():
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=100)

    Locale = apps.get_model("wagtailcore", "Locale")
    Criterion = apps.get_model("validation", "ValidationCriterion")
    if Criterion.objects.exists():
        return
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    for order, (title_sv, title_en, text_sv, text_en) in enumerate(CRITERIA):
        key = uuid.uuid4()
        for code, title, text in (("sv", title_sv, text_sv), ("en", title_en, text_en)):
            if code in locales:
                Criterion.objects.create(
                    translation_key=key,
                    locale=locales[code],
                    title=title,
                    description=text,
                    sort_order=order,
                )


class Migration(migrations.Migration):
    dependencies = [
        ("validation", "0001_expert_validation"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
