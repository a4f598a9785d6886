"""The practice filters of the pages endpoint: by taxonomy and by place."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError

from practices.models import PracticePage

# Filters on practices by taxonomy and place; values are slugs or codes, comma-separated = OR.
PRACTICE_FILTERS = ("target_group", "approach", "municipality", "county")


class PracticeFilter(BaseFilterBackend):
    """?target_group=, ?approach= (slugs), ?municipality= (4-digit code), ?county= (2 digits).

    Several values, comma-separated, are alternatives; different filters combine.
    """

    def filter_queryset(self, request: Any, queryset: QuerySet, view: Any) -> QuerySet:
        used = [name for name in PRACTICE_FILTERS if name in request.GET]
        if not used:
            return queryset
        if queryset.model is not PracticePage:
            raise BadRequestError(
                f"filtering by {', '.join(used)} requires type=practices.PracticePage"
            )
        conditions = {
            "target_group": lambda values: Q(target_groups__slug__in=values),
            "approach": lambda values: Q(approaches__slug__in=values),
            "municipality": lambda values: (
                Q(municipality__code__in=values) | Q(participating_municipalities__code__in=values)
            ),
            "county": lambda values: Q(municipality__county__in=values),
        }
        for name in used:
            values = [v.strip() for v in request.GET[name].split(",") if v.strip()]
            if not values:
                raise BadRequestError(f"{name} needs a value")
            # A subquery keeps the result free of duplicates from the many-to-many joins.
            matching = PracticePage.objects.filter(conditions[name](values)).values("pk")
            queryset = queryset.filter(pk__in=matching)
        return queryset
