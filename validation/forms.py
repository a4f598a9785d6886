"""The experts' forms in Wagtail's workflow dialog: validate against every criterion, or return."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import Locale

from .models import ValidationCriterion


def criteria_choices() -> list[tuple[str, str]]:
    return [
        (str(c.translation_key), c.title)
        for c in ValidationCriterion.objects.filter(locale=Locale.get_default())
    ]


class ValidateForm(TaskStateCommentForm):
    criteria = forms.MultipleChoiceField(
        label=_("The practice meets these criteria"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Validate only if it meets every criterion; otherwise return it with comments."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criteria"].choices = criteria_choices()
        self.fields["comment"].label = _("Comment (shown with the validation)")

    def clean_criteria(self) -> list[str]:
        chosen = self.cleaned_data["criteria"]
        missing = {key for key, _label in criteria_choices()} - set(chosen)
        if missing:
            raise forms.ValidationError(
                _("Every criterion must be met. Return the practice with comments instead.")
            )
        return chosen


class ReturnForm(TaskStateCommentForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = True
        self.fields["comment"].label = _("What is missing (the editor sees this)")
