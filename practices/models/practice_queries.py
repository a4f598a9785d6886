"""The practice's queryset and manager: the queries its listings share."""

from collections.abc import Iterable
from typing import Any

from wagtail.models import PageManager
from wagtail.query import PageQuerySet


class PracticePageQuerySet(PageQuerySet):
    def with_listing_relations(self) -> "PracticePageQuerySet":
        """Everything a practice card shows, in a fixed number of queries."""
        return self.select_related("municipality", "hero_image", "locale").prefetch_related(
            "target_groups", "approaches"
        )

    def linked_in_locale(self, links: Iterable[Any], locale_id: int) -> list:
        """The live practices that ``links`` (orderables with a ``practice``) point to, in
        their order, each in the given locale: the links are synchronised across locales and
        may point at the source-language page."""
        keys = [link.practice.translation_key for link in links if link.practice is not None]
        found = {
            practice.translation_key: practice
            for practice in self.live()
            .filter(locale_id=locale_id, translation_key__in=keys)
            .with_listing_relations()
        }
        return [found[key] for key in keys if key in found]


PracticePageManager = PageManager.from_queryset(PracticePageQuerySet)
