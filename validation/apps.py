from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValidationConfig(AppConfig):
    """Expert validation: a second review step that earns a practice a badge while it holds."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "validation"
    verbose_name = _("Expert validation")

    def ready(self) -> None:
        from django.db.models.signals import post_save
        from wagtail.models import Workflow

        from practices import filters

        from . import records, steps

        post_save.connect(
            steps.workflow_saved, sender=Workflow, dispatch_uid="validation.expert_step"
        )
        filters.register_extra_filter(records.validated_filter)
