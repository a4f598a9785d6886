"""The practice's contact persons, in the order the editor puts them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class PracticeContact(Orderable):
    """One contact person named on a practice (chosen with the contact person chooser).

    Contacts belong to the municipality, not to a language: wagtail-localize copies these rows
    unchanged into every translation of the page.
    """

    page = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="contact_links"
    )
    contact = models.ForeignKey(
        "municipalities.ContactPerson",
        verbose_name=_("contact person"),
        on_delete=models.CASCADE,
        related_name="practice_links",
    )

    panels = [FieldPanel("contact")]

    class Meta(Orderable.Meta):
        verbose_name = _("practice contact")
        verbose_name_plural = _("practice contacts")

    def __str__(self) -> str:
        return str(self.contact)
