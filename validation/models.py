"""Expert validation: published criteria, the workflow step, and the validations given."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import AbstractGroupApprovalTask, TaskState, TranslatableMixin
from wagtail.search import index

from core import wagtail_patches
from core.references import ScopedModelForm

EXPERTS = "Experter"
EXPERT_TASK = "Expertvalidering"


class ValidationCriterion(TranslatableMixin, index.Indexed, models.Model):
    """A criterion the expert group assesses a practice against; shown on a public page."""

    title = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(
        _("what the experts look for"),
        blank=True,
        help_text=_("Shown on the public page of criteria, under the criterion."),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    base_form_class = ScopedModelForm

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("validation criterion")
        verbose_name_plural = _("validation criteria")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.title


class ExpertValidationTask(AbstractGroupApprovalTask):
    """The experts' step: skipped unless the practice asks for validation.

    Wagtail moves on by itself from a task that does not stay in progress when started
    (``WorkflowState.update``), which is what lets the step be part of the one review workflow
    and still apply only to the practices that ask for it.
    """

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        # The revision under review says whether it asks; reading it (not the workflow state's
        # cached page) leaves that page to be reloaded fresh by what runs after the publish.
        revision = task_state.revision
        content = revision.as_object() if revision is not None else None
        if not getattr(content, "expert_validation_requested", False):
            task_state.status = TaskState.STATUS_SKIPPED
            task_state.finished_at = timezone.now()
            task_state.save(update_fields=["status", "finished_at"])
        return task_state

    def get_actions(self, obj, user):
        if user.is_superuser or wagtail_patches.user_in_task_groups(self, user):
            return [
                ("reject", _("Return with comments"), True),
                ("approve", _("Validate"), True),
            ]
        return []

    def get_form_for_action(self, action):
        from .forms import ReturnForm, ValidateForm  # the forms read this module's criteria

        return ValidateForm if action == "approve" else ReturnForm

    def on_action(self, task_state, user, action_name, **kwargs):
        from . import records  # records imports this module

        if action_name == "approve":
            criteria = kwargs.pop("criteria", [])
            records.record_validation(task_state, user, criteria, kwargs.get("comment", ""))
        super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups assess practices that ask for expert validation "
            "against the published criteria; other practices skip this step."
        )

    class Meta:
        verbose_name = _("expert validation task")
        verbose_name_plural = _("expert validation tasks")


class ExpertValidation(models.Model):
    """One validation given: what was validated, against which criteria, by whom and when.

    The badge holds while the practice's record is what the experts saw (the fingerprint of its
    substantive fields) and its follow-up has not lapsed.
    """

    practice_key = models.UUIDField(db_index=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_at = models.DateTimeField(default=timezone.now)
    #: Translation keys of the criteria that were assessed (all of them, when validated).
    criteria = models.JSONField(default=list)
    fingerprint = models.CharField(max_length=64)
    comment = models.TextField(blank=True)

    class Meta:
        verbose_name = _("expert validation")
        verbose_name_plural = _("expert validations")
        ordering = ["-validated_at"]
