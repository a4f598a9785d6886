from __future__ import annotations

from django import template

from ..records import badge_for

register = template.Library()


@register.inclusion_tag("validation/includes/badge.html")
def expert_validation_badge(page) -> dict:
    return {"badge": badge_for(page) if page is not None else None}
