import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core import extensions
from core.blocks import RICH_TEXT_FEATURES
from core.page_mixins import CachedViewRestrictionsMixin, SitemapAlternatesMixin
from core.references import ScopedModelForm, ScopedPageForm

from .counties import COUNTY_CHOICES, MUNICIPALITY_GROUP_CHOICES

municipality_code_validator = RegexValidator(
    regex=r"^\d{4}$", message=_("A municipality code has exactly four digits, e.g. 1315.")
)


class MunicipalityIndexPage(SitemapAlternatesMixin, CachedViewRestrictionsMixin, Page):
    base_form_class = ScopedPageForm
    intro = RichTextField(_("intro"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["platform_site.HomePage"]
    subpage_types = ["municipalities.MunicipalityPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("municipality index page")
        verbose_name_plural = _("municipality index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        municipalities = list(
            MunicipalityPage.objects.live()
            .child_of(self)
            .annotate(
                practice_count=models.Count(
                    "practices", filter=models.Q(practices__live=True), distinct=True
                )
            )
            .order_by("county", "title")
        )
        groups: dict[str, list] = {}
        for municipality in municipalities:
            groups.setdefault(municipality.get_county_display(), []).append(municipality)
        context["counties"] = list(groups.items())
        # The practices app adds the number of practices (practice_total).
        extensions.page_context(self, request, context)
        return context


class MunicipalityPage(SitemapAlternatesMixin, CachedViewRestrictionsMixin, Page):
    """A municipality, region or joint project that owns practices: the unit of editor rights."""

    base_form_class = ScopedPageForm

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region or county administrative board")
        PROJECT = "project", _("Joint project")

    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY
    )
    official_name = models.CharField(
        _("official name"), max_length=150, help_text=_("For example: Hylte kommun")
    )
    code = models.CharField(
        _("municipality code"),
        max_length=4,
        validators=[municipality_code_validator],
        help_text=_("The official four-digit code (kommunkod) from SCB, e.g. 1315."),
    )
    county = models.CharField(_("county"), max_length=2, choices=COUNTY_CHOICES)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("land area (km²)"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    municipality_group = models.CharField(
        _("type of municipality"),
        max_length=2,
        choices=MUNICIPALITY_GROUP_CHOICES,
        blank=True,
        help_text=_("SKR's municipality groups; used to suggest practices from similar places."),
    )
    intro = RichTextField(_("intro"), blank=True, features=RICH_TEXT_FEATURES)
    website = models.URLField(_("website"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("official_name"),
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("code"), FieldPanel("county")]),
                FieldRowPanel(
                    [FieldPanel("population"), FieldPanel("area_km2")],
                ),
                FieldPanel("municipality_group"),
                FieldPanel("website"),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("intro"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("official_name", boost=2),
        index.SearchField("intro"),
        index.FilterField("county"),
        index.FilterField("code"),
    ]

    parent_page_types = ["municipalities.MunicipalityIndexPage"]
    subpage_types = ["practices.PracticePage"]

    class Meta:
        verbose_name = _("municipality page")
        verbose_name_plural = _("municipality pages")

    def clean(self):
        super().clean()
        if self.code and re.fullmatch(r"\d{4}", self.code):
            if self.county and self.code[:2] != self.county:
                raise ValidationError(
                    {"code": _("The first two digits of the code must be the county's code.")}
                )
            clash = MunicipalityPage.objects.filter(code=self.code)
            if self.locale_id:
                clash = clash.filter(locale_id=self.locale_id)
            if self.translation_key:
                clash = clash.exclude(translation_key=self.translation_key)
            if self.pk:
                clash = clash.exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError(
                    {"code": _("Another municipality page already uses this code.")}
                )

    def permissions_for_user(self, user):
        # "change" alone (the translators) does not delete a municipality's translation.
        from .permissions.pages import ProjectPagePermissionTester

        return ProjectPagePermissionTester(user, self)

    @cached_property
    def county_name(self) -> str:
        return str(self.get_county_display())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The practices app adds the practices this municipality owns or takes part in.
        extensions.page_context(self, request, context)
        # Contacts belong to the source-language page; show them on every translation.
        context["contacts"] = (
            ContactPerson.objects.listed_publicly()
            .filter(municipality__translation_key=self.translation_key)
            .order_by("name")
        )
        return context


class MunicipalityProfile(models.Model):
    """One of Sweden's 290 municipalities, whether or not it takes part in the platform.

    Imported with ``manage.py import_municipalities``. Readers pick their own municipality
    from this list; a participating municipality also has a MunicipalityPage with the same
    code, which is where its editors work.
    """

    base_form_class = ScopedModelForm
    code = models.CharField(
        _("municipality code"), max_length=4, unique=True, validators=[municipality_code_validator]
    )
    name = models.CharField(_("name"), max_length=150, help_text=_("For example: Hylte kommun"))
    short_name = models.CharField(
        _("short name"), max_length=100, help_text=_("For example: Hylte")
    )
    county = models.CharField(_("county"), max_length=2, choices=COUNTY_CHOICES)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("land area (km²)"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    municipality_group = models.CharField(
        _("type of municipality"), max_length=2, choices=MUNICIPALITY_GROUP_CHOICES, blank=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("county")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
        FieldRowPanel([FieldPanel("population"), FieldPanel("area_km2")]),
        FieldPanel("municipality_group"),
    ]

    class Meta:
        verbose_name = _("municipality profile")
        verbose_name_plural = _("municipality profiles")
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def clean(self) -> None:
        super().clean()
        if self.code and self.county and self.code[:2] != self.county:
            raise ValidationError(
                {"code": _("The first two digits of the code must be the county's code.")}
            )


class ContactPersonQuerySet(models.QuerySet):
    def listed_publicly(self) -> "ContactPersonQuerySet":
        """Those readers may see: named on a published, public page, or shown by a project manager.

        A contact an editor has just saved, or one named only in a draft, stays out of sight.
        (A live page's contact rows are its published state: drafts live in revisions.) The
        rows are the practices app's ``PracticeContact``, reached by its reverse name
        ``practice_links``: this app does not import practices.
        """
        published = Page.objects.live().public().values("pk")
        return self.filter(
            models.Q(show_publicly=True) | models.Q(practice_links__page__in=published)
        ).distinct()


class ContactPerson(index.Indexed, models.Model):
    """Someone to ask about a practice. Only work details, and reviewed regularly (GDPR)."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=160, blank=True)
    role_en = models.CharField(
        _("role in English"),
        max_length=160,
        blank=True,
        help_text=_(
            "Shown on the English pages, e.g. “Integration coordinator”. Left empty, they show "
            "the Swedish role."
        ),
    )
    email = models.EmailField(_("work e-mail"), blank=True)
    phone = models.CharField(
        _("work phone"),
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(r"^[0-9 +()\-]{5,40}$", _("Use digits, spaces, +, - and brackets only."))
        ],
    )
    municipality = models.ForeignKey(
        MunicipalityPage,
        verbose_name=_("owning municipality"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="contact_persons",
    )
    review_date = models.DateField(
        _("review date"),
        help_text=_("When to check that this person still holds the role, or remove them."),
    )
    show_publicly = models.BooleanField(
        _("show publicly"),
        default=False,
        help_text=_(
            "List this person on the municipality's public page even before a published "
            "practice names them. Only project managers can change this."
        ),
    )
    is_example = models.BooleanField(
        _("example contact"),
        default=False,
        help_text=_(
            "A fictional person for demonstration or training: pages say so next to the name."
        ),
    )

    objects = ContactPersonQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("role_en")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("municipality"),
        FieldPanel("review_date"),
        FieldPanel("show_publicly"),
        FieldPanel("is_example"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.AutocompleteField("role"),  # the admin listing searches name and role as typed
        index.SearchField("role_en"),
        index.FilterField("municipality"),
    ]

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name

    def role_in(self, language: str) -> tuple[str, str]:
        """The role for a page in this language, and the language it is written in.

        Roles are written in Swedish; an English one may be given. Pages mark a Swedish role
        on an English page with lang="sv", so that screen readers pronounce it right.
        """
        if language.startswith("en") and self.role_en:
            return self.role_en, "en"
        return self.role, "sv"

    @property
    def localized_role(self) -> str:
        return self.role_in(translation.get_language() or "sv")[0]

    @property
    def localized_role_language(self) -> str:
        return self.role_in(translation.get_language() or "sv")[1]

    @property
    def review_overdue(self) -> bool:
        return self.review_date < timezone.localdate()


class MunicipalityAccess(models.Model):
    """The editor and publisher groups and the collection that belong to one municipality.

    Keyed by the pages' translation key, so the link survives renaming and holds for every locale.
    Maintained only by ``municipalities.permissions.groups.sync_municipality_groups``.
    """

    translation_key = models.UUIDField(unique=True, editable=False)
    editors = models.OneToOneField(
        "auth.Group", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    publishers = models.OneToOneField(
        "auth.Group", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("municipality access")
        verbose_name_plural = _("municipality access")

    def __str__(self) -> str:
        return str(self.editors or self.translation_key)
