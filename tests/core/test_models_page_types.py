"""Every page type: parent/child rules, creatable through the admin form, renders, editable."""

from wagtail.models import Locale, Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.models import HomePage, StandardPage
from municipalities.models import MunicipalityIndexPage, MunicipalityPage
from practices.models import (
    Approach,
    PracticeIndexPage,
    PracticePage,
    ThemeIndexPage,
    ThemePage,
)
from tests import factories


class PageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        locales = {
            "sv": Locale.objects.get_or_create(language_code="sv")[0],
            "en": Locale.objects.get_or_create(language_code="en")[0],
        }
        cls.tree = factories.build_site_tree(locales)
        cls.target_group = factories.TargetGroupFactory(slug="nyanlanda", name="Nyanlända")
        cls.approach = factories.ApproachFactory(slug="motesplats", name="Mötesplats")
        cls.practice = factories.PracticePageFactory(parent=cls.tree["municipality_sv"])
        cls.theme = factories.ThemePageFactory(parent=cls.tree["theme_index_sv"])
        cls.standard = factories.StandardPageFactory(parent=cls.tree["home_sv"])

    def setUp(self):
        self.login()

    def test_parent_and_child_rules(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage, {PracticeIndexPage, MunicipalityIndexPage, ThemeIndexPage, StandardPage}
        )
        self.assertAllowedParentPageTypes(PracticeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PracticeIndexPage, set())
        self.assertAllowedParentPageTypes(MunicipalityIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(MunicipalityIndexPage, {MunicipalityPage})
        self.assertAllowedParentPageTypes(MunicipalityPage, {MunicipalityIndexPage})
        self.assertAllowedSubpageTypes(MunicipalityPage, {PracticePage})
        self.assertAllowedParentPageTypes(PracticePage, {MunicipalityPage})
        self.assertAllowedSubpageTypes(PracticePage, set())
        self.assertAllowedParentPageTypes(ThemeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ThemeIndexPage, {ThemePage})
        self.assertAllowedParentPageTypes(ThemePage, {ThemeIndexPage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})

    def test_singletons_cannot_be_added_twice(self):
        home = self.tree["home_sv"]
        for page_type in (PracticeIndexPage, MunicipalityIndexPage, ThemeIndexPage):
            self.assertFalse(page_type.can_create_at(home), page_type)

    def test_create_standard_page_through_admin(self):
        self.assertCanCreate(
            self.tree["home_sv"],
            StandardPage,
            nested_form_data(
                {
                    "title": "Om oss",
                    "slug": "om-oss",
                    "intro": "Kort om oss",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Bakgrund", "level": "h2"}),
                            ("paragraph", rich_text("<p>Text</p>")),
                        ]
                    ),
                    "comments": inline_formset([]),
                }
            ),
        )

    def test_create_municipality_page_through_admin(self):
        self.assertCanCreate(
            self.tree["municipality_index_sv"],
            MunicipalityPage,
            nested_form_data(
                {
                    "title": "Halmstad",
                    "slug": "halmstad",
                    "official_name": "Halmstads kommun",
                    "kind": "municipality",
                    "code": "1380",
                    "county": "13",
                    "population": "105000",
                    "area_km2": "1013.0",
                    "municipality_group": "B3",
                    "website": "",
                    "intro": rich_text("<p>Hallands residensstad.</p>"),
                    "comments": inline_formset([]),
                }
            ),
        )

    def test_create_practice_page_through_admin(self):
        data = nested_form_data(
            {
                "title": "Språkcafé i biblioteket",
                "slug": "sprakcafe",
                "summary": "Ett språkcafé varje vecka.",
                "tags": "språk, bibliotek",
                "challenge": rich_text("<p>Få tillfällen att prata svenska.</p>"),
                "what_was_done": rich_text("<p>Volontärer leder samtal.</p>"),
                "results": rich_text("<p>40 deltagare i veckan.</p>"),
                "evidence_level": "internal",
                "key_figures": streamfield([("key_figure", {"value": "40", "label": "deltagare"})]),
                "lessons_learned": rich_text("<p>Fasta tider hjälper.</p>"),
                "what_did_not_work": rich_text("<p>Kvällstider.</p>"),
                "transferability": rich_text("<p>Kräver en lokal.</p>"),
                "resources_needed": rich_text("<p>En samordnare.</p>"),
                "scale_notes": rich_text("<p>Fungerar överallt.</p>"),
                "body": streamfield([]),
                "status": "ongoing",
                "start_date": "2020-01-01",
                "end_date": "",
                "funding": streamfield(
                    [("funding", {"source": "municipal", "description": "Ordinarie budget"})]
                ),
                "last_verified": "2026-01-01",
                "partners": streamfield(
                    [("partner", {"name": "Biblioteket", "kind": "other", "role": "Lokal"})]
                ),
                "sources": streamfield(
                    [
                        (
                            "source",
                            {
                                "title": "Språkcafé på biblioteket",
                                "publisher": "Kommunen",
                                "date": "2024-05-02",
                                "language": "",
                                "url": "",
                                "supports": "Resultaten",
                            },
                        )
                    ]
                ),
                "adaptation_notes": rich_text(""),
                "contact_links": inline_formset([]),
                "comments": inline_formset([]),
            }
        )
        # nested_form_data would flatten lists; multiple-choice fields are posted as lists.
        data["target_groups"] = [self.target_group.pk]
        data["approaches"] = [self.approach.pk]
        self.assertCanCreate(self.tree["municipality_sv"], PracticePage, data)
        page = PracticePage.objects.get(slug="sprakcafe")
        self.assertEqual(page.municipality_id, self.tree["municipality_sv"].pk)
        self.assertEqual(list(page.target_groups.all()), [self.target_group])
        self.assertEqual([s.value["title"] for s in page.sources], ["Språkcafé på biblioteket"])

    def test_create_theme_page_through_admin(self):
        data = nested_form_data(
            {
                "title": "Mötesplatser",
                "slug": "motesplatser",
                "intro": rich_text("<p>Om mötesplatser.</p>"),
                "curated_practices": inline_formset([{"practice": self.practice.pk}], initial=0),
                "comments": inline_formset([]),
            }
        )
        data["approaches"] = [self.approach.pk]
        self.assertCanCreate(self.tree["theme_index_sv"], ThemePage, data)
        theme = ThemePage.objects.get(slug="motesplatser")
        self.assertEqual([p.pk for p in theme.curated()], [self.practice.pk])

    def one_page_of_each_type(self) -> list[Page]:
        return [
            self.tree["home_sv"],
            self.tree["practice_index_sv"],
            self.tree["municipality_index_sv"],
            self.tree["theme_index_sv"],
            self.tree["municipality_sv"],
            self.practice,
            self.theme,
            self.standard,
        ]

    def test_every_page_type_of_the_project_is_covered(self):
        """A new page type fails here until the tests of this module cover it."""
        project_types = {model for model in get_page_models() if model is not Page}
        self.assertEqual(
            {type(page.specific) for page in self.one_page_of_each_type()}, project_types
        )

    def test_every_page_renders_and_is_editable_and_previewable(self):
        pages = self.one_page_of_each_type()
        # StreamFields are rendered by JavaScript, so their POST data cannot be scraped from HTML.
        stream_post_data = {
            StandardPage: {
                "title": self.standard.title,
                "slug": self.standard.slug,
                "intro": "Ny inledning",
                "body": streamfield([("paragraph", rich_text("<p>Text</p>"))]),
                "comments": inline_formset([]),
            },
            PracticePage: {
                "title": self.practice.title,
                "slug": self.practice.slug,
                "summary": "Ny sammanfattning",
                "status": "ongoing",
                "evidence_level": "internal",
                "last_verified": "2026-01-01",
                "key_figures": streamfield([]),
                "funding": streamfield([]),
                "partners": streamfield([]),
                "body": streamfield([]),
                "sources": streamfield([]),
                "contact_links": inline_formset([]),
                "comments": inline_formset([]),
            },
        }
        for page in pages:
            with self.subTest(page=page.specific_class.__name__):
                self.assertPageIsRenderable(page)
                post_data = stream_post_data.get(page.specific_class)
                self.assertPageIsEditable(
                    page, post_data=nested_form_data(post_data) if post_data else None
                )
                self.assertPageIsPreviewable(
                    page, post_data=nested_form_data(post_data) if post_data else None
                )

    def test_taxonomy_snippets_are_translatable(self):
        en = Locale.objects.get(language_code="en")
        english = self.target_group.copy_for_translation(en)
        english.name = "Newcomers"
        english.save()
        self.assertEqual(english.slug, self.target_group.slug)
        self.assertEqual(english.translation_key, self.target_group.translation_key)
        self.assertEqual(Approach.objects.filter(slug="motesplats").count(), 1)
