"""The practice's queryset and manager: the queries its listings share."""

from wagtail.models import PageManager
from wagtail.query import PageQuerySet


class PracticePageQuerySet(PageQuerySet):
    def with_listing_relations(self) -> "PracticePageQuerySet":
        """Everything a practice card shows, in a fixed number of queries."""
        return self.select_related("municipality", "hero_image", "locale").prefetch_related(
            "target_groups", "approaches"
        )


PracticePageManager = PageManager.from_queryset(PracticePageQuerySet)
