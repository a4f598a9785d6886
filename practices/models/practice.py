from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from platform_site.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from platform_site.page_mixins import CachedViewRestrictionsMixin
from platform_site.references import ScopedPageForm

from ..blocks import (
    FundingStreamBlock,
    KeyFigureStreamBlock,
    PartnerStreamBlock,
    SourceStreamBlock,
)
from ..verification import is_verification_overdue
from ..widgets import EvidenceLevelRadioSelect
from .localized import LocalizedRelationsMixin
from .taxonomy import Approach, TargetGroup


class PracticeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    ENDED = "ended", _("Ended")
    REGULAR = "regular", _("In regular operation")


class EvidenceLevel(models.TextChoices):
    NOT_EVALUATED = "not_evaluated", _("Not evaluated")
    INTERNAL = "internal", _("Followed up internally")
    EXTERNAL = "external", _("Externally evaluated")
    RESEARCH = "research", _("Research-based")
    # The record's sources say nothing about how the results were established.
    NOT_REPORTED = "not_reported", _("Not reported")


# Shown on the model field and on its panel (the panel's text is what the form shows).
SOURCES_HELP = _(
    "The articles, reports or evaluations this record rests on. Readers see them under "
    '"Sources"; without any, the page says that no source is given.'
)
EXAMPLE_NOTICE_HELP = _(
    "Only for demonstration or training records: which parts of this record are invented "
    "examples and not facts. Shown as a notice at the top of the page."
)
EXPERT_VALIDATION_HELP = _(
    "After the project managers' review, the expert group assesses the practice against "
    "the published criteria. A validated practice shows the expert group's badge."
)


class PracticePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PracticePageQuerySet(PageQuerySet):
    def with_listing_relations(self) -> "PracticePageQuerySet":
        """Everything a practice card shows, in a fixed number of queries."""
        return self.select_related("municipality", "hero_image", "locale").prefetch_related(
            "target_groups", "approaches"
        )


PracticePageManager = PageManager.from_queryset(PracticePageQuerySet)


class PracticePageForm(ScopedPageForm):
    """Offer only the taxonomy terms and municipalities of the page's own language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "contacts" in self.fields:
            # Editors choose among their own municipality's contacts (plus those already set).
            from municipalities.permissions import contacts_for_user

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


class PracticePage(CachedViewRestrictionsMixin, LocalizedRelationsMixin, Page):
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
    tags = ClusterTaggableManager(through=PracticePageTag, blank=True, verbose_name=_("tags"))

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
    contacts = ParentalManyToManyField(
        "municipalities.ContactPerson",
        verbose_name=_("contact persons"),
        blank=True,
        related_name="practices",
    )
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
        SynchronizedField("contacts"),
        SynchronizedField("adapted_from"),
        SynchronizedField("hero_image"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("last_verified"),
        SynchronizedField("expert_validation_requested"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel(
            "summary",
            help_text=_(
                "Two or three sentences: what you do, for whom, and what came of it. E.g. "
                "“A language café where newly arrived women practise Swedish; 40 took part "
                "in 2024 and 12 went on to SFI.”"
            ),
        ),
        FieldPanel(
            "hero_image",
            help_text=_(
                "A photo from the activity, without faces of people who have not agreed. "
                "The image's description is read out to blind readers."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "target_groups",
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Tick everyone the practice is meant for."),
                ),
                FieldPanel(
                    "approaches",
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Tick the ways of working you use, e.g. mentoring."),
                ),
                FieldPanel(
                    "tags",
                    help_text=_(
                        "Other words someone might search for, separated by commas, "
                        "e.g. “cycling, summer job”."
                    ),
                ),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "challenge",
                    help_text=_(
                        "The problem you wanted to solve and why, e.g. “Few newly arrived "
                        "parents came to parent meetings at school.”"
                    ),
                ),
                FieldPanel(
                    "what_was_done",
                    help_text=_(
                        "What you did, step by step, and who took part, e.g. “We trained "
                        "six parents as guides who invite others in their own language.”"
                    ),
                ),
                FieldPanel(
                    "results",
                    help_text=_(
                        "What came of it, with figures if you have them, e.g. “Attendance "
                        "at parent meetings rose from 20 to 55 per cent in a year.”"
                    ),
                ),
                FieldPanel(
                    "evidence_level",
                    widget=EvidenceLevelRadioSelect,
                    help_text=_("How sure you are of the results: choose the level that fits."),
                ),
                FieldPanel(
                    "key_figures",
                    help_text=_(
                        "A few numbers that show the scale or the result, e.g. “120 "
                        "participants” or “3 of 4 in work after a year”."
                    ),
                ),
            ],
            heading=_("What was done and what came of it"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "lessons_learned",
                    help_text=_(
                        "What you would tell a colleague starting the same thing, e.g. "
                        "“Agree with the employers before you recruit participants.”"
                    ),
                ),
                FieldPanel(
                    "what_did_not_work",
                    help_text=_(
                        "Be honest: it helps others most. E.g. “Evening sessions did not "
                        "work for parents of small children.”"
                    ),
                ),
            ],
            heading=_("Lessons learned"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "transferability",
                    help_text=_(
                        "What must be in place for this to work elsewhere, e.g. “An "
                        "employer willing to offer placements.”"
                    ),
                ),
                FieldPanel(
                    "resources_needed",
                    help_text=_(
                        "Staff, money and premises it takes, e.g. “Half a full-time post "
                        "and a room twice a week.”"
                    ),
                ),
                FieldPanel(
                    "scale_notes",
                    help_text=_(
                        "Would it work in a larger or smaller municipality? What would "
                        "change? E.g. “In a small place one coordinator is enough.”"
                    ),
                ),
            ],
            heading=_("Transferability"),
        ),
        FieldPanel(
            "body",
            help_text=_("The story in your own words: quotes, pictures and headings. Optional."),
        ),
        FieldPanel("sources", help_text=SOURCES_HELP),
    ]
    facts_panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "status",
                    help_text=_(
                        "“In regular operation” means it is no longer a project but part of "
                        "the municipality's ordinary work."
                    ),
                ),
                FieldRowPanel(
                    [
                        FieldPanel("start_date", help_text=_("When it started, e.g. 2023-08-15.")),
                        FieldPanel("end_date", help_text=_("Leave empty if it is still going on.")),
                    ]
                ),
                FieldPanel(
                    "funding",
                    help_text=_(
                        "Who paid, e.g. “The municipality's own budget” or “ESF+, 2023–2025”."
                    ),
                ),
                FieldPanel(
                    "last_verified",
                    help_text=_(
                        "When someone last checked that this record is still right. You "
                        "will be reminded after a year."
                    ),
                ),
            ],
            heading=_("Lifecycle"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "participating_municipalities",
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Other municipalities that ran it with you, if any."),
                ),
                FieldPanel(
                    "partners",
                    help_text=_(
                        "Organisations you worked with, e.g. the Swedish Public Employment "
                        "Service or a local association."
                    ),
                ),
                FieldPanel(
                    "contacts",
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_(
                        "Who readers may contact about the practice: name and role. Missing "
                        "someone? Add them under Snippets → Contact persons, then reload this "
                        "page."
                    ),
                ),
            ],
            heading=_("People and partners"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "adapted_from",
                    help_text=_(
                        "If you copied the idea from another municipality's practice, "
                        "choose it here."
                    ),
                ),
                FieldPanel(
                    "adaptation_notes",
                    help_text=_(
                        "What you changed and why, e.g. “We run it in Arabic and Dari "
                        "instead of Somali.”"
                    ),
                ),
            ],
            heading=_("Adapted from another practice"),
        ),
        MultiFieldPanel(
            [FieldPanel("expert_validation_requested", help_text=EXPERT_VALIDATION_HELP)],
            heading=_("Expert validation"),
        ),
        FieldPanel("example_notice", help_text=EXAMPLE_NOTICE_HELP),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(facts_panels, heading=_("Facts")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    # The search backend puts the title in its own column, fields boosted 1.5 or more in a
    # "summary" column and the rest in the body; ranking weighs them in that order
    # (README.md, "Search").
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("challenge"),
        index.SearchField("what_was_done"),
        index.SearchField("results"),
        index.SearchField("key_figures"),
        index.SearchField("lessons_learned"),
        index.SearchField("what_did_not_work"),
        index.SearchField("transferability"),
        index.SearchField("resources_needed"),
        index.SearchField("scale_notes"),
        index.SearchField("adaptation_notes"),
        index.SearchField("partners"),
        index.SearchField("body"),
        index.SearchField("sources"),
        index.FilterField("status"),
        index.FilterField("evidence_level"),
        index.FilterField("municipality"),
        index.RelatedFields("municipality", [index.SearchField("title", boost=1.5)]),
        index.RelatedFields("participating_municipalities", [index.SearchField("title")]),
        index.RelatedFields("target_groups", [index.SearchField("name", boost=1.5)]),
        index.RelatedFields("approaches", [index.SearchField("name", boost=1.5)]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

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
        from municipalities.permissions import LeafPagePermissionTester

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
        context["contacts"] = self.contacts.all().order_by("name")
        context["participants"] = self.participating_municipalities.filter(live=True).order_by(
            "title"
        )
        return context
