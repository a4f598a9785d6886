"""A practice's tags are translated with the page by wagtail-localize, never copied from Swedish."""

import pytest
from wagtail_localize.models import StringTranslation, TranslationSource

from practices.models import PracticePage
from practices.models.practice_tags import NotCopiedToTranslations
from tests import factories

ENGLISH = {"arbetsgivare": "employers", "hälsoprofil": "health profile", "mentor": "mentor"}


def translate_strings(source: TranslationSource, locale, translations: dict[str, str]) -> None:
    for segment in source.stringsegment_set.select_related("string", "context"):
        if segment.string.data in translations:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": translations[segment.string.data]},
            )


@pytest.fixture
def tagged(site_tree) -> PracticePage:
    page = factories.PracticePageFactory(parent=site_tree["municipality_sv"], slug="mentorer")
    page.tags.set(["arbetsgivare", "hälsoprofil", "mentor"])
    page.save_revision().publish()
    return PracticePage.objects.get(pk=page.pk)


@pytest.mark.django_db
def test_each_tag_is_a_string_of_the_translation_editor(tagged):
    source, _created = TranslationSource.get_or_create_from_instance(tagged)
    strings = {
        segment.string.data: segment.context.path
        for segment in source.stringsegment_set.select_related("string", "context")
    }
    assert {strings[name] for name in ENGLISH} == {"tags.0", "tags.1", "tags.2"}


@pytest.mark.django_db
def test_the_translation_gets_the_tags_in_its_own_language(tagged, locales):
    source, _created = TranslationSource.get_or_create_from_instance(tagged)
    translate_strings(source, locales["en"], ENGLISH)
    translation, _created = source.create_or_update_translation(
        locales["en"], fallback=True, publish=True
    )
    english = PracticePage.objects.get(pk=translation.pk)
    assert sorted(english.tags.names()) == ["employers", "health profile", "mentor"]
    assert sorted(PracticePage.objects.get(pk=tagged.pk).tags.names()) == sorted(ENGLISH)

    # A change of the Swedish page, synced again: the English page keeps English tags.
    tagged.tags.add("språkstöd")
    tagged.save_revision().publish()
    source.update_from_db()
    translate_strings(source, locales["en"], {**ENGLISH, "språkstöd": "language support"})
    source.create_or_update_translation(locales["en"], fallback=True, publish=True)
    english = PracticePage.objects.get(pk=translation.pk)
    assert sorted(english.tags.names()) == [
        "employers",
        "health profile",
        "language support",
        "mentor",
    ]


@pytest.mark.django_db
def test_an_untranslated_tag_falls_back_to_the_source_word(tagged, locales):
    source, _created = TranslationSource.get_or_create_from_instance(tagged)
    translate_strings(source, locales["en"], {"arbetsgivare": "employers"})
    translation, _created = source.create_or_update_translation(
        locales["en"], fallback=True, publish=True
    )
    names = PracticePage.objects.get(pk=translation.pk).tags.names()
    assert sorted(names) == ["employers", "hälsoprofil", "mentor"]


@pytest.mark.django_db  # a page instance reads the default locale
def test_the_tag_rows_are_neither_copied_nor_translated():
    from wagtail_localize.fields import get_translatable_fields

    fields = {field.field_name: field for field in get_translatable_fields(PracticePage)}
    assert fields["tags"].is_translated(PracticePage())
    assert isinstance(fields["tagged_items"], NotCopiedToTranslations)
    assert not fields["tagged_items"].is_synchronized(PracticePage())
