from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.references import ScopedModelForm


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    """A curated term. The slug stays the same in every language so filter URLs can be shared."""

    anyone_may_reference = True  # shared by every municipality (municipalities/scoping.py)
    base_form_class = ScopedModelForm

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)
    description = models.TextField(_("short description"), blank=True, max_length=400)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        TranslatableField("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # The admin form leaves out `locale`, so Django skips the (slug, locale) uniqueness
        # check and the database would refuse the row with a server error instead.
        super().clean()
        duplicates = type(self)._default_manager.filter(slug=self.slug, locale_id=self.locale_id)
        if self.slug and self.locale_id and duplicates.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"slug": _("Another term in this language already has this slug.")}
            )


class TargetGroup(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Approach(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("approach")
        verbose_name_plural = _("approaches")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
