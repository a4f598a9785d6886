"""A small bilingual site with every public page type and every content block, for the tests of
the public site: accessibility in a real browser, feeds, sitemap, API and open data.

Built with the factories in a couple of seconds, so each browser test can afford its own copy
(live_server tests empty the database after every test).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page

from core.models import SiteSettings
from practices.models import Approach, PracticeContact, PracticePage, TargetGroup
from tests import factories

# With the main one, 14 practices: more than one page of the practice index (12 per page).
PAGINATED_EXTRA_PRACTICES = 13


@dataclass
class Showcase:
    sv: dict[str, Page] = field(default_factory=dict)
    en: dict[str, Page] = field(default_factory=dict)
    terms: dict[str, object] = field(default_factory=dict)
    image: object = None

    def urls(self, language: str) -> dict[str, str]:
        """One URL per public page type (plus search and a 404) in one language."""
        pages = self.sv if language == "sv" else self.en
        urls = {name: page.url for name, page in pages.items()}
        search = "/sv/sok/" if language == "sv" else "/en/search/"
        urls["search"] = search + ("?q=spr%C3%A5kcaf%C3%A9" if language == "sv" else "?q=cafe")
        urls["search_empty"] = search
        urls["not_found"] = f"/{language}/finns-inte/"
        urls["open_data"] = f"/{language}/open-data/"
        # The practice index's own routes: a comparison (of the complete practice) and the map.
        compare, county_map = ("jamfor", "karta") if language == "sv" else ("compare", "map")
        urls["compare"] = f"{pages['practice_index'].url}{compare}/?p={pages['practice'].pk}"
        urls["map"] = f"{pages['practice_index'].url}{county_map}/"
        urls.update(_outreach_urls(language))
        return urls


def _outreach_urls(language: str) -> dict[str, str]:
    """The public forms and their answers that are views, not pages (subscriptions and so on)."""
    from outreach.mail import manage_token
    from outreach.models import Subscription

    subscription, _ = Subscription.objects.get_or_create(
        email="showcase@example.org", language=language, filters={"q": "språkcafé"}
    )
    with translation.override(language):
        return {
            "follow": reverse("outreach:follow") + "?q=spr%C3%A5kcaf%C3%A9&status=ongoing",
            "follow_sent": reverse("outreach:sent"),
            "follow_confirm": reverse("outreach:confirm", args=[subscription.token]),
            "follow_cancel": reverse("outreach:cancel", args=[subscription.token]),
            "follow_manage": reverse("outreach:manage", args=[manage_token(subscription.email)]),
            "suggest": reverse("outreach:suggest"),
            "suggest_sent": reverse("outreach:suggest_sent"),
            "validation_criteria": reverse("validation:criteria"),
        }


def make_image(title: str, description: str, colour: str = "#0b4f8a"):
    """A real (small) PNG, so that renditions in every format can be generated."""
    canvas = PILImage.new("RGB", (960, 540), "#f2f5f8")
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((320, 120, 640, 440), fill=colour)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    image_model = get_image_model()
    return image_model.objects.create(
        title=title,
        description=description,
        collection=Collection.get_first_root_node(),
        file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png"),
    )


def _term(model, locales, slug: str, sv: str, en: str):
    term = model.objects.create(slug=slug, name=sv, description=f"{sv}.", locale=locales["sv"])
    english = term.copy_for_translation(locales["en"])
    english.name = en
    english.description = f"{en}."
    english.save()
    return term, english


def _story(image) -> list[dict]:
    return [
        {"type": "heading", "value": {"text": "Så började det", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Mötesplatsen var öppen tre dagar i veckan.</p>"},
        {
            "type": "quote",
            "value": {
                "quote": "Någon fanns alltid på plats.",
                "name": "Anna",
                "role": "samordnare",
            },
        },
        {
            "type": "image",
            "value": {"image": image.pk, "decorative": False, "alt_text": "Ett bord med fika."},
        },
        {"type": "heading", "value": {"text": "Vad vi lärde oss", "level": "h3"}},
        {"type": "key_figures", "value": [{"value": "75", "label": "personer togs emot"}]},
        {
            "type": "fact_box",
            "value": {"title": "Kort om Lokalen", "text": "<ul><li>Öppnade 2022</li></ul>"},
        },
    ]


def _story_en(image) -> list[dict]:
    return [
        {"type": "heading", "value": {"text": "How it started", "level": "h2"}},
        {"type": "paragraph", "value": "<p>The meeting place was open three days a week.</p>"},
        {
            "type": "quote",
            "value": {"quote": "Someone was always there.", "name": "Anna", "role": "coordinator"},
        },
        {
            "type": "image",
            "value": {"image": image.pk, "decorative": False, "alt_text": "A table with coffee."},
        },
        {"type": "heading", "value": {"text": "What we learnt", "level": "h3"}},
        {"type": "key_figures", "value": [{"value": "75", "label": "people received"}]},
        {
            "type": "fact_box",
            "value": {"title": "Lokalen in brief", "text": "<ul><li>Opened in 2022</li></ul>"},
        },
    ]


def build_showcase(
    locales: dict[str, Locale] | None = None, *, extra_practices: int = 2
) -> Showcase:
    """The site; `extra_practices` simple practices besides the complete one (pagination)."""
    if locales is None:
        locales = {
            code: Locale.objects.get_or_create(language_code=code)[0] for code in ("sv", "en")
        }
    tree = factories.build_site_tree(locales)
    show = Showcase()
    en = locales["en"]

    newcomers, newcomers_en = _term(TargetGroup, locales, "nyanlanda", "Nyanlända", "Newcomers")
    children, children_en = _term(TargetGroup, locales, "barn", "Barn och unga", "Children")
    meeting, meeting_en = _term(Approach, locales, "motesplats", "Mötesplats", "Meeting place")
    show.terms = {
        "newcomers": newcomers,
        "newcomers_en": newcomers_en,
        "children": children,
        "children_en": children_en,
        "meeting": meeting,
        "meeting_en": meeting_en,
    }
    show.image = make_image("Lokalen", "Färgade cirklar mot en ljus bakgrund.")

    hylte = tree["municipality_sv"]
    soderhamn = factories.MunicipalityPageFactory(
        parent=tree["municipality_index_sv"],
        title="Söderhamn",
        slug="soderhamn",
        code="2182",
        county="21",
    )
    contact = factories.ContactPersonFactory(municipality=hylte, name="Sara Berg")

    practice = factories.PracticePageFactory(
        parent=hylte,
        title="Språkcafé i Hylte",
        slug="sprakcafe",
        summary="Ett språkcafé där nyanlända övar svenska med grannar.",
        hero_image=show.image,
        what_was_done='<p>Vi öppnade ett <a href="https://example.org/">café</a>.</p>',
        lessons_learned="<p>Små grupper fungerar bäst.</p>",
        what_did_not_work="<p>Kvällstider.</p>",
        transferability="<p>En lokal och två personer.</p>",
        start_date=date(2021, 3, 1),
        status="ongoing",
        body=_story(show.image),
        key_figures=[{"type": "key_figure", "value": {"value": "40", "label": "deltagare"}}],
        partners=[
            {
                "type": "partner",
                "value": {"name": "Röda korset", "kind": "association", "role": "Volontärer"},
            }
        ],
        funding=[{"type": "funding", "value": {"source": "state", "description": "2021–2023"}}],
    )
    practice.target_groups.set([newcomers, children])
    practice.approaches.set([meeting])
    practice.participating_municipalities.set([soderhamn])
    practice.contact_links = [PracticeContact(contact=contact)]
    practice.tags.add("språk")
    practice.save_revision().publish()
    practice.refresh_from_db()

    for number in range(extra_practices):
        extra = factories.PracticePageFactory(
            parent=soderhamn if number % 2 else hylte,
            title=f"Exempel {number + 1:02d}",
            slug=f"exempel-{number + 1:02d}",
            status="ended" if number % 3 == 0 else "regular",
            hero_image=show.image if number < 3 else None,
        )
        if number % 2 == 0:
            extra.target_groups.set([children])
            extra.save_revision().publish()

    theme_sv = factories.ThemePageFactory(
        parent=tree["theme_index_sv"], title="Mötesplatser", slug="motesplatser"
    )
    theme_sv.target_groups.set([children])
    theme_sv.curated_practices.create(practice=practice)
    theme_sv.save_revision().publish()

    statement = factories.StandardPageFactory(
        parent=tree["home_sv"],
        title="Tillgänglighetsredogörelse",
        slug="tillganglighetsredogorelse",
        intro="Så tillgänglig är webbplatsen.",
        body=[
            {"type": "heading", "value": {"text": "Brister", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Inga kända brister.</p>"},
        ],
    )
    site_settings = SiteSettings.load()
    site_settings.accessibility_page = statement
    site_settings.save()

    soderhamn_en = factories.translate(soderhamn, en)
    practice_en = factories.translate(
        practice,
        en,
        title="Language café in Hylte",
        slug="language-cafe",
        summary="A language café where newcomers practise Swedish with neighbours.",
        what_was_done="<p>We opened a café.</p>",
        lessons_learned="<p>Small groups work best.</p>",
        what_did_not_work="<p>Evenings.</p>",
        transferability="<p>A room and two people.</p>",
        challenge="<p>The challenge was large.</p>",
        results="<p>It went well.</p>",
        body=_story_en(show.image),
        key_figures=[{"type": "key_figure", "value": {"value": "40", "label": "participants"}}],
    )
    theme_en = factories.translate(theme_sv, en, title="Meeting places", slug="meeting-places")
    statement_en = factories.translate(
        statement,
        en,
        title="Accessibility statement",
        slug="accessibility-statement",
        intro="How accessible this website is.",
        body=[
            {"type": "heading", "value": {"text": "Shortcomings", "level": "h2"}},
            {"type": "paragraph", "value": "<p>No known shortcomings.</p>"},
        ],
    )

    show.sv = {
        "home": tree["home_sv"],
        "practice_index": tree["practice_index_sv"],
        "practice": PracticePage.objects.get(pk=practice.pk),
        "municipality_index": tree["municipality_index_sv"],
        "municipality": tree["municipality_sv"],
        "theme_index": tree["theme_index_sv"],
        "theme": theme_sv,
        "standard": statement,
    }
    show.en = {
        "home": tree["home_en"],
        "practice_index": tree["practice_index_en"],
        "practice": PracticePage.objects.get(pk=practice_en.pk),
        "municipality_index": tree["municipality_index_en"],
        "municipality": tree["municipality_en"],
        "theme_index": tree["theme_index_en"],
        "theme": theme_en,
        "standard": statement_en,
    }
    # The main menu lists the home page's children that are "shown in menus".
    menu = ("practice_index", "municipality_index", "theme_index", "standard")
    Page.objects.filter(
        pk__in=[pages[name].pk for pages in (show.sv, show.en) for name in menu]
    ).update(show_in_menus=True)
    show.sv["other_municipality"] = soderhamn
    show.en["other_municipality"] = soderhamn_en
    return show
