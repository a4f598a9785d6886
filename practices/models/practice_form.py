"""The practice's admin form: which choices an editor is offered."""

from django.db import models

from core.references import ScopedPageForm


class PracticePageForm(ScopedPageForm):
    """Offer only the taxonomy terms and municipalities of the page's own language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "contacts" in self.fields:
            # Editors choose among their own municipality's contacts (plus those already set).
            from municipalities.permissions.contacts import contacts_for_user

            current = [c.pk for c in self.instance.contacts.all()] if self.instance.pk else []
            field = self.fields["contacts"]
            field.queryset = field.queryset.filter(
                models.Q(pk__in=contacts_for_user(self.for_user).values("pk"))
                | models.Q(pk__in=current)
            )
        locale_id = getattr(self.instance, "locale_id", None)
        if not locale_id:
            return
        for name in ("target_groups", "approaches"):
            if name in self.fields:
                self.fields[name].queryset = self.fields[name].queryset.filter(locale_id=locale_id)
        if "participating_municipalities" in self.fields:
            field = self.fields["participating_municipalities"]
            field.queryset = field.queryset.filter(locale_id=locale_id).order_by("title")
