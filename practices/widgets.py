"""Form widgets of the practice editor (panels only: no validation lives here)."""

from django import forms
from django.utils.translation import gettext_lazy as _

# Keyed by EvidenceLevel's values (models/practice.py imports this module, not the reverse).
EVIDENCE_LEVEL_EXPLANATIONS = {
    "not_reported": _("The sources do not say how the results were established."),
    "not_evaluated": _("No one has measured the results yet."),
    "internal": _(
        "You have measured the results yourselves, e.g. counted how many participants found "
        "a job or asked them in a survey."
    ),
    "external": _(
        "Someone outside the activity has evaluated it, e.g. a university, a consultant or "
        "the municipal auditors, and written a report."
    ),
    "research": _(
        "The method builds on research that has shown an effect, e.g. a published study of "
        "the same way of working."
    ),
}


class EvidenceLevelRadioSelect(forms.RadioSelect):
    """Each level with what it means, so the editor can place their practice."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        explanation = EVIDENCE_LEVEL_EXPLANATIONS.get(value)
        if explanation:
            label = f"{label}: {explanation}"
        return super().create_option(name, value, label, selected, index, subindex, attrs)
