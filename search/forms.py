"""Reading the search page's GET parameters: forgiving, bounded, never an error page."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.http import QueryDict

from .facets import FACET_NAMES

#: Longer queries are cut before anything else looks at them (CVE-2024-39317 was slow
#: parsing of long query strings; nobody types 200 characters into a search box).
MAX_QUERY_LENGTH = 200
#: More values per filter than this is not a person ticking boxes.
MAX_VALUES_PER_FILTER = 50
MAX_VALUE_LENGTH = 100
SORTS = ("relevance", "newest")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


def clean_query(raw: str) -> tuple[str, bool]:
    """The query as searched and shown, and whether it had to be shortened."""
    truncated = len(raw) > MAX_QUERY_LENGTH
    value = raw[:MAX_QUERY_LENGTH]
    # NUL and other control characters: PostgreSQL refuses NUL in text, and none of them
    # means anything in a search.
    value = _CONTROL.sub(" ", value)
    value = "".join(ch for ch in value if unicodedata.category(ch) not in ("Cs", "Co"))
    return _SPACES.sub(" ", value).strip(), truncated


@dataclass
class SearchParams:
    query: str = ""
    truncated: bool = False
    sort: str = "relevance"
    page: str = "1"
    # Filter name → chosen values, as given (unknown values are dropped against the facts).
    raw_filters: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_querydict(cls, data: QueryDict) -> SearchParams:
        query, truncated = clean_query(data.get("q", "")[: MAX_QUERY_LENGTH + 1])
        sort = data.get("sort", "")
        filters: dict[str, list[str]] = {}
        for name in FACET_NAMES:
            values = [
                v.strip()
                for v in data.getlist(name)[:MAX_VALUES_PER_FILTER]
                if v.strip() and len(v) <= MAX_VALUE_LENGTH
            ]
            if values:
                filters[name] = list(dict.fromkeys(values))
        return cls(
            query=query,
            truncated=truncated,
            sort=sort if sort in SORTS else ("relevance" if query else "newest"),
            page=data.get("page", "1")[:10],
            raw_filters=filters,
        )

    def selected(self, known: dict[str, set[str]]) -> dict[str, set[str]]:
        """Chosen values that exist; the rest is ignored so that an old link still works."""
        return {
            name: {v for v in values if v in known.get(name, set())}
            for name, values in self.raw_filters.items()
            if any(v in known.get(name, set()) for v in values)
        }
