"""The experts' step in the review workflow: kept in place by one idempotent function."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from wagtail.models import Workflow, WorkflowTask

from municipalities.permissions.roles import REVIEW_WORKFLOW

from .models import EXPERT_TASK, EXPERTS, ExpertValidationTask


def ensure_expert_step(workflow: Workflow | None = None) -> ExpertValidationTask:
    """The Experter group, the expert task, and the task as the last step of the review."""
    experts, _ = Group.objects.get_or_create(name=EXPERTS)
    task = ExpertValidationTask.objects.filter(name=EXPERT_TASK).first()
    if task is None:
        task = ExpertValidationTask.objects.create(name=EXPERT_TASK)
    task.groups.add(experts)
    workflow = workflow or Workflow.objects.filter(name=REVIEW_WORKFLOW).first()
    if (
        workflow is not None
        and not WorkflowTask.objects.filter(workflow=workflow, task=task).exists()
    ):
        # Last, after the project managers' approval; their task is created with order 0.
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=100)
    return task


def workflow_saved(sender: type, instance: Workflow, created: bool = False, **kwargs: Any) -> None:
    if created and not kwargs.get("raw") and instance.name == REVIEW_WORKFLOW:
        ensure_expert_step(instance)
