"""Template tags for the review e-mails (templates/wagtailadmin/notifications/)."""

from typing import Any

from django import template
from wagtail.models import Page

from core.review import Decision, latest_decision

register = template.Library()


@register.simple_tag
def latest_review_decision(page: Page | None) -> Decision | None:
    return latest_decision(page) if isinstance(page, Page) else None


@register.simple_tag
def review_submitter(page: Page | None) -> Any:
    """Who sent the page's current review on its way (the workflow's requester)."""
    if not isinstance(page, Page):
        return None
    workflow_state = page.current_workflow_state
    return workflow_state.requested_by if workflow_state else None
