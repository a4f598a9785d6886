"""The reviewer's decision where the editor looks: on the edit screen, the dashboard, e-mails.

Read from Wagtail's own workflow records (``WorkflowState``/``TaskState``); nothing is stored
twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy


@dataclass(frozen=True)
class Decision:
    """A reviewer's finished task: who, when, what they said."""

    status: str  # TaskState.STATUS_APPROVED or STATUS_REJECTED
    reviewer: str
    at: datetime | None
    comment: str

    @property
    def changes_requested(self) -> bool:
        return self.status == TaskState.STATUS_REJECTED

    @property
    def summary(self) -> str:
        """ "Ändringar begärda av Maria Berg, 2 december: Lägg till resultat …"."""
        when = formats.date_format(timezone.localtime(self.at), "j F") if self.at else ""
        if self.changes_requested:
            text = _("Changes requested by %(reviewer)s, %(date)s") % {
                "reviewer": self.reviewer,
                "date": when,
            }
        else:
            text = _("Approved by %(reviewer)s, %(date)s") % {
                "reviewer": self.reviewer,
                "date": when,
            }
        return f"{text}: {self.comment}" if self.comment else text


def _decision(task_state: TaskState) -> Decision:
    reviewer = (
        get_user_display_name(task_state.finished_by) if task_state.finished_by else _("a reviewer")
    )
    return Decision(
        status=task_state.status,
        reviewer=reviewer,
        at=task_state.finished_at,
        comment=(task_state.comment or "").strip(),
    )


def latest_decision(page: Page) -> Decision | None:
    """The last approval or request for changes of any review of this page."""
    task_state = (
        TaskState.objects.for_instance(page)
        .filter(status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED])
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )
    return _decision(task_state) if task_state else None


def changes_requested(page: Page) -> Decision | None:
    """The request for changes the page is waiting on, if its review is sent back."""
    workflow_state = page.current_workflow_state
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = workflow_state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_REJECTED:
        return None
    return _decision(task_state)


def pages_needing_changes(user: Any) -> list[tuple[Page, Decision]]:
    """Pages the user may edit whose review was sent back, newest request first."""
    states = (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_NEEDS_CHANGES,
            base_content_type__model="page",
            base_content_type__app_label="wagtailcore",
        )
        .select_related("current_task_state__finished_by")
        .order_by("-current_task_state__finished_at")
    )
    by_page_id = {int(state.object_id): state for state in states}
    if not by_page_id:
        return []
    editable: QuerySet[Page] = PagePermissionPolicy().instances_user_has_permission_for(
        user, "change"
    )
    pages = {page.pk: page for page in editable.filter(pk__in=by_page_id).specific()}
    return [
        (pages[page_id], _decision(state.current_task_state))
        for page_id, state in by_page_id.items()
        if page_id in pages and state.current_task_state is not None
    ]
