"""What happens when a review workflow ends (Wagtail's ``WAGTAIL_FINISH_WORKFLOW_ACTION``)."""

from __future__ import annotations

from wagtail.workflows import publish_workflow_state as wagtail_publish_workflow_state


def publish_workflow_state(workflow_state, user=None) -> None:
    """Publish as Wagtail does, but in the name of the last approver who may publish.

    The experts' step comes after the project managers' approval, and the experts hold no
    publish permission: the project manager's approval is what publishes, the validation only
    lets it go through. Without an approver who may publish, Wagtail's own check refuses.
    """
    # Imported here: Wagtail imports this module while wagtail.models is being defined.
    from wagtail.models import TaskState

    content = workflow_state.content_object
    publisher = user
    if user is not None and hasattr(content, "permissions_for_user"):
        if not content.permissions_for_user(user).can_publish():
            approvals = workflow_state.task_states.filter(
                status=TaskState.STATUS_APPROVED, finished_by__isnull=False
            ).order_by("-finished_at")
            for approval in approvals.select_related("finished_by"):
                if content.permissions_for_user(approval.finished_by).can_publish():
                    publisher = approval.finished_by
                    break
    wagtail_publish_workflow_state(workflow_state, user=publisher)
