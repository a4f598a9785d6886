"""The practice record: its fields, its validation, and what its page shows."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from core.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from core.page_mixins import CachedViewRestrictionsMixin, SitemapAlternatesMixin

from ..blocks import (
    FundingStreamBlock,
    KeyFigureStreamBlock,
    PartnerStreamBlock,
    SourceStreamBlock,
)
from ..verification import is_verification_overdue
from .localized import LocalizedRelationsMixin
from .practice_choices import EvidenceLevel, PracticeStatus
from .practice_form import PracticePageForm
from .practice_panels import (
    CONTENT_PANELS,
    EDIT_HANDLER,
    EXAMPLE_NOTICE_HELP,
    EXPERT_VALIDATION_HELP,
    FACTS_PANELS,
    SOURCES_HELP,
)
from .practice_queries import PracticePageManager
from .practice_search import SEARCH_FIELDS
from .practice_tags import NotCopiedToTranslations, PracticePageTag, TranslatedTagsManager
from .taxonomy import Approach, TargetGroup

# The choices and the tag model are imported from here too (bench/load.py, the models package).
__all__ = ["EvidenceLevel", "PracticePage", "PracticePageTag", "PracticeStatus"]


class PracticePage(
    SitemapAlternatesMixin, CachedViewRestrictionsMixin, LocalizedRelationsMixin, Page
):
    # Identity
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("A short lead: what, for whom, with what result.")
    )
    hero_image = models.ForeignKey(
        "platform_site.CustomImage",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The image's description is used as its alternative text."),
    )
    municipality = models.ForeignKey(
        "municipalities.MunicipalityPage",
        verbose_name=_("owner municipality"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    participating_municipalities = ParentalManyToManyField(
        "municipalities.MunicipalityPage",
        verbose_name=_("participating municipalities"),
        blank=True,
        related_name="joint_practices",
    )
    partners = StreamField(PartnerStreamBlock(), verbose_name=_("partners"), blank=True)

    # Classification
    target_groups = ParentalManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="practices"
    )
    approaches = ParentalManyToManyField(
        Approach, verbose_name=_("approaches"), blank=True, related_name="practices"
    )
    tags = TranslatedTagsManager(through=PracticePageTag, blank=True, verbose_name=_("tags"))

    # Lifecycle
    status = models.CharField(
        _("status"), max_length=20, choices=PracticeStatus.choices, default=PracticeStatus.ONGOING
    )
    start_date = models.DateField(_("started"), null=True, blank=True)
    end_date = models.DateField(_("ended"), null=True, blank=True)
    funding = StreamField(FundingStreamBlock(), verbose_name=_("funding"), blank=True)
    last_verified = models.DateField(
        _("information last verified"),
        default=date.today,
        help_text=_("When someone last confirmed that this record is accurate."),
    )

    # Content
    challenge = RichTextField(
        _("challenge and background"), blank=True, features=RICH_TEXT_FEATURES
    )
    what_was_done = RichTextField(_("what was done"), blank=True, features=RICH_TEXT_FEATURES)
    results = RichTextField(_("results"), blank=True, features=RICH_TEXT_FEATURES)
    evidence_level = models.CharField(
        _("evidence level"),
        max_length=20,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.NOT_EVALUATED,
    )
    key_figures = StreamField(KeyFigureStreamBlock(), verbose_name=_("key figures"), blank=True)
    lessons_learned = RichTextField(_("lessons learned"), blank=True, features=RICH_TEXT_FEATURES)
    what_did_not_work = RichTextField(
        _("what did not work"), blank=True, features=RICH_TEXT_FEATURES
    )
    transferability = RichTextField(
        _("conditions for transfer"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What must be in place for this to work elsewhere?"),
    )
    resources_needed = RichTextField(_("resources needed"), blank=True, features=RICH_TEXT_FEATURES)
    scale_notes = RichTextField(
        _("in a larger or smaller place"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Would it work in a larger or smaller municipality? What would change?"),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("the story"), blank=True)
    sources = StreamField(
        SourceStreamBlock(),
        verbose_name=_("sources"),
        blank=True,
        help_text=SOURCES_HELP,
    )
    example_notice = models.TextField(
        _("example notice"),
        blank=True,
        max_length=1000,
        help_text=EXAMPLE_NOTICE_HELP,
    )

    # People and lineage
    # contact_links: the contact persons, in order (PracticeContact, practice_contacts.py).
    adapted_from = models.ForeignKey(
        "self",
        verbose_name=_("adapted from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adaptations",
    )
    expert_validation_requested = models.BooleanField(
        _("ask for expert validation"),
        default=False,
        help_text=EXPERT_VALIDATION_HELP,
    )
    adaptation_notes = RichTextField(
        _("what was changed and why"), blank=True, features=RICH_TEXT_FEATURES
    )

    objects = PracticePageManager()
    base_form_class = PracticePageForm

    localized_m2m_fields = ("target_groups", "approaches", "participating_municipalities")
    localized_fk_fields = ("adapted_from",)
    override_translatable_fields = [
        SynchronizedField("target_groups"),
        SynchronizedField("approaches"),
        SynchronizedField("participating_municipalities"),
        SynchronizedField("adapted_from"),
        SynchronizedField("hero_image"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("last_verified"),
        SynchronizedField("expert_validation_requested"),
        # Tags are translated (TranslatedTagsManager), so their rows are not copied.
        NotCopiedToTranslations("tagged_items"),
    ]

    # The editing interface (practice_panels.py) and the search index (practice_search.py).
    content_panels = CONTENT_PANELS
    facts_panels = FACTS_PANELS
    edit_handler = EDIT_HANDLER
    search_fields = SEARCH_FIELDS

    parent_page_types = ["municipalities.MunicipalityPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.adapted_from_id:
            if self.pk and self.adapted_from_id == self.pk:
                errors["adapted_from"] = _("A practice cannot be adapted from itself.")
            elif self._would_create_cycle():
                errors["adapted_from"] = _(
                    "That practice is itself adapted from this one: a cycle is not allowed."
                )
        if errors:
            raise ValidationError(errors)

    def _would_create_cycle(self) -> bool:
        # Translation keys as well as ids: a loop can pass through another language's copy
        # (a Swedish original "adapted from" the English translation of its own adaptation).
        own_key = self.translation_key
        seen = {self.pk} if self.pk else set()
        current = self.adapted_from
        while current is not None:
            if current.pk in seen or (own_key and current.translation_key == own_key):
                return True
            seen.add(current.pk)
            current = current.adapted_from
        return False

    def save(self, *args, **kwargs):
        from municipalities.models import MunicipalityPage

        if self.depth and self.path:
            parent = self.get_parent()
            if parent is not None and parent.specific_class is MunicipalityPage:
                self.municipality_id = parent.pk
        self.remap_relations_to_locale()
        return super().save(*args, **kwargs)

    def permissions_for_user(self, user):
        # A practice has no children: answer "may delete / move" from its own fields instead of
        # a query per row of the page explorer (see LeafPagePermissionTester).
        from municipalities.permissions.pages import LeafPagePermissionTester

        # The explorer asks about one row ten times or so (buttons, menus): build it once per
        # user object, which lives as long as the request.
        cached = self.__dict__.get("_permission_tester")
        if cached is not None and cached[0] is user:
            return cached[1]
        tester = LeafPagePermissionTester(user, self)
        self.__dict__["_permission_tester"] = (user, tester)
        return tester

    @property
    def is_verification_overdue(self) -> bool:
        return is_verification_overdue(self.last_verified)

    def localized_target_groups(self) -> list[TargetGroup]:
        # Terms are remapped to the page's locale on save; `.localized` (a query each) is only
        # needed for a term that has no translation yet.
        return [
            tg if tg.locale_id == self.locale_id else tg.localized
            for tg in self.target_groups.all()
        ]

    def localized_approaches(self) -> list[Approach]:
        return [a if a.locale_id == self.locale_id else a.localized for a in self.approaches.all()]

    def contact_persons(self) -> list:
        """The contact persons in the editor's order (the chosen rows in a preview, too)."""
        return [link.contact for link in self.contact_links.select_related("contact")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["adaptations"] = (
            PracticePage.objects.live()
            .filter(adapted_from=self)
            .select_related("municipality")
            .order_by("title")
        )
        # "Adapted by N municipalities" counts others: a municipality adapting its own practice
        # is not spread.
        context["adapting_municipality_count"] = len(
            {
                a.municipality_id
                for a in context["adaptations"]
                if a.municipality_id and a.municipality_id != self.municipality_id
            }
        )
        context["contacts"] = self.contact_persons()
        context["participants"] = self.participating_municipalities.filter(live=True).order_by(
            "title"
        )
        return context
