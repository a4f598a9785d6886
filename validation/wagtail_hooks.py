"""Admin: the criteria as a translatable snippet that project managers edit."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ValidationCriterion


class ValidationCriterionViewSet(SnippetViewSet):
    model = ValidationCriterion
    icon = "tick"
    menu_label = ValidationCriterion._meta.verbose_name_plural
    list_display = ["title", "sort_order"]
    ordering = ["sort_order"]


register_snippet(ValidationCriterionViewSet)
