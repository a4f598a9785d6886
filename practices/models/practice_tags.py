"""The free-text tags of a practice, translated with the page.

The tags are taggit's, through a ParentalKey so that drafts and revisions keep them. A
translation gets tags in its own language: wagtail-localize translates any field that offers
get_translatable_segments() and restore_translated_segments() (its protocol for custom fields),
so each tag is a string in the translation editor, like the title.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail_localize.fields import BaseTranslatableField
from wagtail_localize.segments import StringSegmentValue


class PracticePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class TranslatedTagsManager(ClusterTaggableManager):
    """Tags that wagtail-localize translates rather than copies from the source page."""

    def get_translatable_segments(self, value: list[Any]) -> list[StringSegmentValue]:
        return [StringSegmentValue(str(index), tag.name) for index, tag in enumerate(value)]

    def restore_translated_segments(
        self, value: list[Any], segments: list[StringSegmentValue]
    ) -> list[str]:
        ordered = sorted(segments, key=lambda segment: int(segment.path))
        return [segment.render_text().strip() for segment in ordered if segment.render_text()]

    # wagtail-localize sets a translated field with setattr(); taggit's manager has no setter.
    def __set__(self, instance: Any, names: list[str]) -> None:
        self.__get__(instance, type(instance)).set(list(dict.fromkeys(names)))


class NotCopiedToTranslations(BaseTranslatableField):
    """A field neither translated nor synchronised: the tags' rows, which `tags` translates.

    Without it wagtail-localize would copy the source's tag rows over the translated ones.
    """

    def is_translated(self, obj: Any) -> bool:
        return False

    def is_synchronized(self, obj: Any) -> bool:
        return False
