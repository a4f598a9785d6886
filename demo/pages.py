"""The site skeleton: the home page as the site's root, the index pages, the featured practices.

Their texts are in data/pages/home.json and data/pages/index_pages.json; the standard pages
and the site settings are in standard_pages.py.
"""

from __future__ import annotations

from django.core.management.base import CommandError
from wagtail.models import Page, Site

from core.models import HomePage, HomePageFeaturedPractice
from municipalities.models import MunicipalityIndexPage
from practices.models import PracticeIndexPage, ThemeIndexPage

from .base import DemoContext, Pair, apply_fields, ensure_pair, ensure_translation
from .page_data import load_page_data

HOME_SLUG = "home"
# Each index page by its key in data/pages/index_pages.json, built in this order.
INDEX_PAGES = {
    "practice_index": PracticeIndexPage,
    "municipality_index": MunicipalityIndexPage,
    "theme_index": ThemeIndexPage,
}


def _is_wagtail_welcome_page(page: Page) -> bool:
    """The plain page Wagtail's first migration creates; anything else is someone's content."""
    return page.specific_class is Page and page.depth == 2 and page.numchild == 0


def ensure_home(ctx: DemoContext) -> Pair:
    """The Swedish home page as the default site's root, with its English translation."""
    texts = load_page_data("home")
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(depth=2, locale=ctx.sv).first()
    if home is None:
        occupant = root.get_children().filter(slug=HOME_SLUG).first()
        if occupant is not None:
            if not _is_wagtail_welcome_page(occupant.specific):
                raise CommandError(
                    f"A page with the slug '{HOME_SLUG}' already sits at the top of the tree "
                    "and is not Wagtail's welcome page. Move or rename it first."
                )
            # Free the slug; the welcome page is deleted once the site points elsewhere.
            occupant.slug = "wagtail-welcome"
            occupant.save()
        home = HomePage(slug=HOME_SLUG, locale=ctx.sv)
        apply_fields(home, texts["sv"])
        root.add_child(instance=home)
        home.save_revision().publish()
        ctx.count("pages", True)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Lärplattformen",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or "Lärplattformen"
        site.save()

    for page in root.get_children().exclude(pk=home.pk).specific():
        still_a_root = Site.objects.filter(root_page=page).exists()
        if _is_wagtail_welcome_page(page) and not still_a_root:
            page.delete()

    en_home = ensure_translation(ctx, home, ctx.en, texts["en"])
    return Pair(home, en_home)


def ensure_index_pages(ctx: DemoContext, home: Pair) -> dict[str, Pair]:
    texts = load_page_data("index_pages")
    return {
        key: ensure_pair(ctx, home, model, sv=texts[key]["sv"], en=texts[key]["en"], singleton=True)
        for key, model in INDEX_PAGES.items()
    }


def ensure_featured_practices(ctx: DemoContext, home: Pair, practices: list[Pair]) -> None:
    """Featured practices on each home page, in that page's language; only if none are chosen."""
    for stale, language in ((home.sv, "sv"), (home.en, "en")):
        # Reload: children were added since, through other instances of this page, and
        # publishing a stale copy would write back an old numchild and hide the children.
        page = HomePage.objects.get(pk=stale.pk)
        if page.featured_practices.exists():
            continue
        page.featured_practices = [
            HomePageFeaturedPractice(practice=getattr(pair, language)) for pair in practices
        ]
        page.save_revision().publish()
