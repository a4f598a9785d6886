"""Factories for pages and snippets (wagtail-factories / factory_boy)."""

from datetime import date, timedelta

import factory
import wagtail_factories
from wagtail.models import Locale, Page, Site

from core.models import HomePage, StandardPage
from municipalities.models import ContactPerson, MunicipalityIndexPage, MunicipalityPage
from practices.models import (
    Approach,
    PracticeIndexPage,
    PracticePage,
    TargetGroup,
    ThemeIndexPage,
    ThemePage,
)


def _sv() -> Locale:
    return Locale.objects.get_or_create(language_code="sv")[0]


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Målgrupp {n}")
    slug = factory.Sequence(lambda n: f"malgrupp-{n}")
    description = "En målgrupp."
    locale = factory.LazyFunction(_sv)


class ApproachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Approach
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Arbetssätt {n}")
    slug = factory.Sequence(lambda n: f"arbetssatt-{n}")
    description = "Ett arbetssätt."
    locale = factory.LazyFunction(_sv)


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Lärplattformen"
    slug = "home"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Sida {n}")
    intro = "Inledning"


class PracticeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PracticeIndexPage

    title = "Goda exempel"
    slug = "goda-exempel"


class MunicipalityIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MunicipalityIndexPage

    title = "Kommuner"
    slug = "kommuner"


class ThemeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ThemeIndexPage

    title = "Teman"
    slug = "teman"


class MunicipalityPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MunicipalityPage

    title = factory.Sequence(lambda n: f"Kommun {n}")
    official_name = factory.LazyAttribute(lambda o: f"{o.title} kommun")
    code = factory.Sequence(lambda n: f"13{n % 100:02d}")
    county = "13"
    population = 10_000


class PracticePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PracticePage

    title = factory.Sequence(lambda n: f"Praktik {n}")
    summary = "En kort sammanfattning av ett gott exempel."
    challenge = "<p>Utmaningen var stor.</p>"
    results = "<p>Det gick bra.</p>"
    status = "ongoing"
    evidence_level = "internal"
    last_verified = factory.LazyFunction(date.today)


class ThemePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ThemePage

    title = factory.Sequence(lambda n: f"Tema {n}")


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    name = factory.Sequence(lambda n: f"Kontakt {n}")
    role = "Integrationssamordnare"
    email = factory.Sequence(lambda n: f"kontakt{n}@kommun.example")
    phone = "010-123 45 67"
    review_date = date(2030, 1, 1)


def translate(page: Page, locale: Locale, **fields) -> Page:
    """An English (or other) translation of a page, published, with some fields overridden."""
    translation = page.copy_for_translation(locale, copy_parents=False)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def build_site_tree(locales: dict[str, Locale]) -> dict:
    root = Page.get_first_root_node()
    # Wagtail's first migration leaves a plain "Welcome" page with the slug "home".
    Page.objects.filter(depth=2, content_type__model="page").delete()
    home = HomePageFactory(parent=root, locale=locales["sv"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"},
    )
    practice_index = PracticeIndexPageFactory(parent=home)
    municipality_index = MunicipalityIndexPageFactory(parent=home)
    theme_index = ThemeIndexPageFactory(parent=home)
    municipality = MunicipalityPageFactory(
        parent=municipality_index, title="Hylte", slug="hylte", code="1315", county="13"
    )
    home_en = translate(home, locales["en"], title="Learning platform")
    practice_index_en = translate(
        practice_index, locales["en"], title="Good practices", slug="good-practices"
    )
    municipality_index_en = translate(
        municipality_index, locales["en"], title="Municipalities", slug="municipalities"
    )
    theme_index_en = translate(theme_index, locales["en"], title="Themes", slug="themes")
    municipality_en = translate(municipality, locales["en"])
    return {
        "home_sv": home,
        "home_en": home_en,
        "practice_index_sv": practice_index,
        "practice_index_en": practice_index_en,
        "municipality_index_sv": municipality_index,
        "municipality_index_en": municipality_index_en,
        "theme_index_sv": theme_index,
        "theme_index_en": theme_index_en,
        "municipality_sv": municipality,
        "municipality_en": municipality_en,
    }


def contact_form_data(municipality: Page, *, review_in_days: int = 200, **fields: str) -> dict:
    """What the contact person form (snippet view or chooser tab) posts, for a municipality."""
    data = {
        "name": "Kerstin Kontaktmarkör",
        "role": "Samordnare",
        "email": "kerstin@hylte.example",
        "phone": "",
        "municipality": str(municipality.pk),
        "review_date": (date.today() + timedelta(days=review_in_days)).isoformat(),
    }
    data.update(fields)
    return data
