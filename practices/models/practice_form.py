"""The practice's admin form: which choices an editor is offered."""

from django.utils.translation import gettext_lazy as _

from core.references import ScopedPageForm


class PracticePageForm(ScopedPageForm):
    """Offer only the taxonomy terms and municipalities of the page's own language.

    The contact persons are chosen in an inline formset (``contact_links``); which contacts a
    user may choose is the reference check of ``ScopedPageForm`` (their own municipality's).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = getattr(self.instance, "locale_id", None)
        if not locale_id:
            return
        for name in ("target_groups", "approaches"):
            if name in self.fields:
                self.fields[name].queryset = self.fields[name].queryset.filter(locale_id=locale_id)
        if "participating_municipalities" in self.fields:
            field = self.fields["participating_municipalities"]
            field.queryset = field.queryset.filter(locale_id=locale_id).order_by("title")

    def is_valid(self) -> bool:
        valid = super().is_valid()
        return self._contacts_chosen_once() and valid

    def _contacts_chosen_once(self) -> bool:
        """The same person twice would be listed twice on the page."""
        formset = getattr(self, "formsets", {}).get("contact_links")
        if formset is None:
            return True
        seen: set = set()
        unique = True
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            contact = data.get("contact")
            if contact is None or data.get("DELETE"):
                continue
            if contact.pk in seen:
                form.add_error("contact", _("This person is already chosen."))
                unique = False
            seen.add(contact.pk)
        return unique
