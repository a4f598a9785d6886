from django.core.paginator import Paginator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import RICH_TEXT_FEATURES
from core.page_mixins import CachedViewRestrictionsMixin, SitemapAlternatesMixin
from core.references import ScopedPageForm

from .localized import LocalizedRelationsMixin
from .practice import PracticePage
from .taxonomy import Approach, TargetGroup

PRACTICES_PER_PAGE = 12


def paginate(request, queryset, per_page: int = PRACTICES_PER_PAGE):
    """Rubbish in ?page= gives the first page, a number past the end gives the last: never a 500."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


class PracticeIndexPage(
    RoutablePageMixin, SitemapAlternatesMixin, CachedViewRestrictionsMixin, Page
):
    """Every practice, filterable; with two routes of its own: the comparison and the map."""

    base_form_class = ScopedPageForm
    intro = RichTextField(_("intro"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["platform_site.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("practice index page")
        verbose_name_plural = _("practice index pages")

    def get_context(self, request, *args, **kwargs):
        from ..filters import PracticeFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = PracticeFilterForm(request.GET or None, locale=self.locale)
        practices = form.filter(
            PracticePage.objects.live().filter(locale=self.locale)
        ).with_listing_relations()
        context["filter_form"] = form
        context["active_filters"] = form.active_filters(request.GET)
        context["page_obj"] = paginate(request, practices)
        context["practices"] = context["page_obj"].object_list
        context["result_count"] = context["page_obj"].paginator.count
        from ..county_map import county_map

        context["county_map"] = county_map(self)
        context["map_url"] = self.route_url("map", request)
        context["compare_url"] = self.route_url("compare", request)
        request._compare_base_url = context["compare_url"]  # the cards' "Compare" links
        return context

    # Translators: URL path segments below the practice index; lower case ASCII, ending with /.
    @path(pgettext_lazy("URL", "compare/"), name="compare")
    def compare_view(self, request: HttpRequest) -> TemplateResponse:
        from ..compare import build, query_for

        comparison = build(request.GET.getlist("p"), self.locale)
        return self._render_route(
            request,
            "practices/compare_page.html",
            "compare",
            {"comparison": comparison, "practices": comparison.practices},
            query=query_for(comparison.ids),
        )

    @path(pgettext_lazy("URL", "map/"), name="map")
    def map_view(self, request: HttpRequest) -> TemplateResponse:
        from ..county_map import county_map

        return self._render_route(
            request, "practices/map_page.html", "map", {"county_map": county_map(self)}
        )

    @classmethod
    def route_url_of(cls, page: Page, name: str, request: HttpRequest | None = None) -> str:
        """The URL of a route ("compare", "map") of an index page, in that page's language."""
        with translation.override(page.locale.language_code):
            return (page.get_url(request=request) or "") + cls.get_resolver().reverse(name).lstrip(
                "/"
            )

    def route_url(self, name: str, request: HttpRequest | None = None) -> str:
        return self.route_url_of(self, name, request)

    def _render_route(
        self, request: HttpRequest, template: str, name: str, extra: dict, query: str = ""
    ) -> TemplateResponse:
        # Not self.get_context(): that filters and paginates the whole index.
        context = Page.get_context(self, request)
        # The language switcher leads to the same route (and comparison) in the other language.
        context["language_alternate_urls"] = {
            t.locale.language_code: self.route_url_of(t, name, request) + query
            for t in self.get_translations(inclusive=True).live().select_related("locale")
        }
        context["route_url"] = self.route_url(name, request)
        context.update(extra)
        return TemplateResponse(request, template, context)


class ThemeIndexPage(SitemapAlternatesMixin, CachedViewRestrictionsMixin, Page):
    base_form_class = ScopedPageForm
    intro = RichTextField(_("intro"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["platform_site.HomePage"]
    subpage_types = ["practices.ThemePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("theme index page")
        verbose_name_plural = _("theme index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        themes = ThemePage.objects.live().child_of(self).order_by("path")
        context["themes"] = ThemePage.with_practice_counts(themes)
        return context


class ThemePage(SitemapAlternatesMixin, CachedViewRestrictionsMixin, LocalizedRelationsMixin, Page):
    base_form_class = ScopedPageForm
    intro = RichTextField(_("intro"), blank=True, features=RICH_TEXT_FEATURES)
    target_groups = ParentalManyToManyField(
        TargetGroup,
        verbose_name=_("target groups"),
        blank=True,
        related_name="themes",
        help_text=_("Practices for these target groups are listed below the curated ones."),
    )
    approaches = ParentalManyToManyField(
        Approach,
        verbose_name=_("approaches"),
        blank=True,
        related_name="themes",
        help_text=_("Practices using these approaches are listed below the curated ones."),
    )

    localized_m2m_fields = ("target_groups", "approaches")
    override_translatable_fields = [
        SynchronizedField("target_groups"),
        SynchronizedField("approaches"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("curated_practices", label=_("Curated practices")),
        FieldPanel("target_groups"),
        FieldPanel("approaches"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro", boost=2)]

    parent_page_types = ["practices.ThemeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("theme page")
        verbose_name_plural = _("theme pages")

    def save(self, *args, **kwargs):
        self.remap_relations_to_locale()
        return super().save(*args, **kwargs)

    @staticmethod
    def with_practice_counts(themes: models.QuerySet) -> models.QuerySet:
        """Themes annotated with ``practice_count``: the live practices in each theme's language
        that its page lists (curated, or sharing a target group or approach), in one query."""
        theme = OuterRef(OuterRef("pk"))
        listed = (
            PracticePage.objects.live()
            .filter(locale_id=OuterRef("locale_id"))
            .filter(
                # Curated links are synchronised across languages: matched by translation key.
                models.Q(
                    translation_key__in=ThemePagePractice.objects.filter(page_id=theme).values(
                        "practice__translation_key"
                    )
                )
                | models.Q(
                    target_groups__slug__in=TargetGroup.objects.filter(themes=theme).values("slug")
                )
                | models.Q(
                    approaches__slug__in=Approach.objects.filter(themes=theme).values("slug")
                )
            )
            .order_by()
            .values("locale_id")
            .annotate(count=models.Count("pk", distinct=True))
            .values("count")
        )
        return themes.annotate(
            practice_count=Coalesce(Subquery(listed, output_field=models.IntegerField()), 0)
        )

    def curated(self) -> list[PracticePage]:
        return PracticePage.objects.linked_in_locale(
            self.curated_practices.select_related("practice"), self.locale_id
        )

    def matching(self, exclude_ids: list[int]):
        """Live practices in this language sharing a target group or approach with the theme."""
        tg_slugs = list(self.target_groups.values_list("slug", flat=True))
        ap_slugs = list(self.approaches.values_list("slug", flat=True))
        if not tg_slugs and not ap_slugs:
            return PracticePage.objects.none()
        condition = models.Q(target_groups__slug__in=tg_slugs) | models.Q(
            approaches__slug__in=ap_slugs
        )
        ids = (
            PracticePage.objects.live()
            .filter(locale_id=self.locale_id)
            .filter(condition)
            .exclude(pk__in=exclude_ids)
            .values("pk")
        )
        return (
            PracticePage.objects.filter(pk__in=ids)
            .order_by("-first_published_at", "-pk")
            .with_listing_relations()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        curated = self.curated()
        context["curated_practices"] = curated
        context["page_obj"] = paginate(request, self.matching([p.pk for p in curated]))
        context["matching_practices"] = context["page_obj"].object_list
        return context


class ThemePagePractice(Orderable):
    page = ParentalKey(ThemePage, on_delete=models.CASCADE, related_name="curated_practices")
    practice = models.ForeignKey(
        PracticePage,
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("practice")]
    translatable_fields = [SynchronizedField("practice")]

    class Meta(Orderable.Meta):
        verbose_name = _("curated practice")
        verbose_name_plural = _("curated practices")
