from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Orderable, Page
from wagtail.search import index

from core import extensions
from core.page_mixins import CachedViewRestrictionsMixin, SitemapAlternatesMixin

from .blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from .references import ScopedModelForm, ScopedPageForm


class User(AbstractUser):
    """Our own user model from the first migration, so that fields can be added later."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")


class CustomImage(AbstractImage):
    """Wagtail's image with its description used as the default alt text."""

    admin_form_fields = (*Image.admin_form_fields,)

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class HomePage(SitemapAlternatesMixin, CachedViewRestrictionsMixin, Page):
    base_form_class = ScopedPageForm
    intro = RichTextField(_("intro"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("featured_practices", label=_("Featured practices"), max_num=6),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "practices.PracticeIndexPage",
        "municipalities.MunicipalityIndexPage",
        "practices.ThemeIndexPage",
        "platform_site.StandardPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def route(self, request, path_components):
        """Find the page for the whole path in one query instead of two per level.

        Wagtail walks the tree one slug at a time; none of our page types routes its own
        children, so the page whose url_path matches (indexed, see migration 0004) is the page
        Wagtail would reach. Anything else (no match) takes Wagtail's own route and its 404.
        """
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            match = (
                Page.objects.filter(url_path=url_path, path__startswith=self.path)
                .only("id", "content_type_id", "path")
                .first()
            )
            if match is not None:
                return match.specific.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The practices app fills in its featured and latest practices and the themes.
        extensions.page_context(self, request, context)
        return context


class HomePageFeaturedPractice(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_practices")
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("practice")]


class StandardPage(SitemapAlternatesMixin, CachedViewRestrictionsMixin, Page):
    base_form_class = ScopedPageForm
    intro = models.TextField(_("intro"), blank=True, max_length=600)
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
    ]

    parent_page_types = ["platform_site.HomePage", "platform_site.StandardPage"]
    subpage_types = ["platform_site.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    """Contact details shown in the footer and used by the accessibility statement."""

    base_form_class = ScopedModelForm
    organisation_name = models.CharField(
        _("organisation name"), max_length=200, default="Lärplattformen"
    )
    contact_email = models.EmailField(
        _("contact e-mail"), default="kontakt@larplattformen.localhost"
    )

    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("personal data page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel([FieldPanel("organisation_name"), FieldPanel("contact_email")]),
        FieldPanel("accessibility_page"),
        FieldPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = _("site settings")
