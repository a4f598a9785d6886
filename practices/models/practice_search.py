"""What of a practice the search index holds, and how much each part weighs."""

from wagtail.models import Page
from wagtail.search import index

# The search backend puts the title in its own column, fields boosted 1.5 or more in a
# "summary" column and the rest in the body; ranking weighs them in that order
# (docs/search.md).
SEARCH_FIELDS = [
    *Page.search_fields,
    index.SearchField("summary", boost=2),
    index.SearchField("challenge"),
    index.SearchField("what_was_done"),
    index.SearchField("results"),
    index.SearchField("key_figures"),
    index.SearchField("lessons_learned"),
    index.SearchField("what_did_not_work"),
    index.SearchField("transferability"),
    index.SearchField("resources_needed"),
    index.SearchField("scale_notes"),
    index.SearchField("adaptation_notes"),
    index.SearchField("partners"),
    index.SearchField("body"),
    index.SearchField("sources"),
    index.FilterField("status"),
    index.FilterField("evidence_level"),
    index.FilterField("municipality"),
    index.RelatedFields("municipality", [index.SearchField("title", boost=1.5)]),
    index.RelatedFields("participating_municipalities", [index.SearchField("title")]),
    index.RelatedFields("target_groups", [index.SearchField("name", boost=1.5)]),
    index.RelatedFields("approaches", [index.SearchField("name", boost=1.5)]),
    index.RelatedFields("tags", [index.SearchField("name")]),
]
