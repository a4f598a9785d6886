"""What a SearchDocument holds: its id, and its text built from a model instance.

Shared with the engine backend (search/backends/engine.py), which indexes the same
tokens and vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils.encoding import force_str
from wagtail.models import Locale
from wagtail.search.backends.base import get_model_root
from wagtail.search.index import AutocompleteField, RelatedFields, SearchField

from ... import text
from ...models import SearchDocument, SearchTerm

#: A SearchField with at least this boost goes to the "summary" column (weighted between the
#: title and the body). The page title always goes to the "title" column.
SUMMARY_BOOST = 1.5
#: The vocabulary keeps words of this length only (longer ones are mostly codes and URLs).
VOCABULARY_LENGTHS = range(3, 31)
#: A document's id is (content type of the model's root << 40) | primary key: a page's
#: document is found from its id, and the id from the page, without reading a table. A
#: search reads only the full-text index, never the (wide) document rows.
ID_BITS = 40
ID_MASK = (1 << ID_BITS) - 1


def document_key(model: type[Model]) -> int:
    """The id of the first possible document of a model family (all pages share one)."""
    return ContentType.objects.get_for_model(get_model_root(model)).pk << ID_BITS


def document_id(obj: Model) -> int | None:
    try:
        pk = int(obj.pk)
    except (TypeError, ValueError):
        return None
    if not 0 < pk <= ID_MASK:
        return None
    return document_key(type(obj)) + pk


# ---------------------------------------------------------------------------------------------
# Document text and vocabulary


class DocumentBuilder:
    """Turns model instances into SearchDocuments (and collects their vocabulary)."""

    def __init__(self) -> None:
        self.locale_languages = {
            pk: text.normalise_language(code)
            for pk, code in Locale.objects.values_list("pk", "language_code")
        }
        self.default_language = text.default_language()

    def language_of(self, obj: Model) -> str:
        locale_id = getattr(obj, "locale_id", None)
        if locale_id is None:
            return self.default_language
        return self.locale_languages.get(locale_id, self.default_language)

    def texts(self, obj: Model) -> dict[str, list[str]]:
        """Raw text per column: title, summary, body, autocomplete."""
        columns: dict[str, list[str]] = {"title": [], "summary": [], "body": [], "autocomplete": []}
        for field in obj.get_search_fields():
            self._collect(obj, field, columns, top_level=True)
        return columns

    def _collect(self, obj: Model, field, columns: dict[str, list[str]], top_level: bool) -> None:
        if isinstance(field, RelatedFields):
            value = field.get_value(obj)
            if value is None:
                return
            if hasattr(value, "all"):
                related = list(value.all())
            else:
                related = [value() if callable(value) else value]
            for related_obj in related:
                for sub_field in field.fields:
                    self._collect(related_obj, sub_field, columns, top_level=False)
            return
        if isinstance(field, AutocompleteField):
            if top_level:
                columns["autocomplete"].append(_as_text(field.get_value(obj)))
            return
        if not isinstance(field, SearchField):
            return
        value = _as_text(field.get_value(obj))
        if not value:
            return
        if top_level and field.field_name == "title":
            columns["title"].append(value)
        elif (field.boost or 1) >= SUMMARY_BOOST:
            columns["summary"].append(value)
        else:
            columns["body"].append(value)

    def columns(self, obj: Model, language: str, raw: dict[str, list[str]]) -> dict[str, str]:
        """The analysed text of each weighted column (title, summary, body), as both the
        database backends and the engine's `_stems_*` fields index it."""
        columns = {
            column: text.index_text(" ".join(raw[column]), language)
            for column in ("title", "summary", "body")
        }
        # The last parts of compounds are indexed one step down: those of the title with the
        # summary, the others with the body. "boende" finds "Etableringsboenden" in a title
        # below a title with "boende" itself (search/compounds.py).
        words = text.raw_words(" ".join(raw["title"] + raw["summary"] + raw["body"]))
        title_words = text.raw_words(" ".join(raw["title"]))
        title_parts = text.compound_part_forms(dict.fromkeys(title_words), language)
        if title_parts:
            columns["summary"] = f"{columns['summary']} {' '.join(title_parts)}".strip()
        other_words = dict.fromkeys(words[len(title_words) :])
        parts = text.compound_part_forms(other_words, language)
        if parts:
            columns["body"] = f"{columns['body']} {' '.join(parts)}".strip()
        return columns

    def build(self, obj: Model, content_type_id: int) -> tuple[SearchDocument, str, list[str]]:
        language = self.language_of(obj)
        raw = self.texts(obj)
        document = SearchDocument(
            content_type_id=content_type_id,
            object_id=int(obj.pk),
            language=language,
            autocomplete=" ".join(text.folded_words(" ".join(raw["autocomplete"]))),
            **self.columns(obj, language, raw),
        )
        words = text.raw_words(" ".join(raw["title"] + raw["summary"] + raw["body"]))
        return document, language, words


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return text.html_to_text(value)
    if isinstance(value, (list, tuple)):
        return " ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_as_text(item) for item in value.values())
    return text.html_to_text(force_str(value))


def _vocabulary_entries(words: Iterable[str]) -> dict[str, str]:
    """folded → written form, for the words worth suggesting (letters only, 3–30 long)."""
    entries: dict[str, str] = {}
    for word in words:
        if len(word) in VOCABULARY_LENGTHS and word.isalpha():
            entries.setdefault(text.fold(word), word)
    return entries


def _prefetch_related_fields(model: type[Model], items: list[Model]) -> None:
    """Load many-to-many RelatedFields for a whole chunk at once (not one query per item).

    Wagtail's own select_on_queryset skips ParentalManyToManyField, so a practice's target
    groups would otherwise be read one practice at a time.
    """
    from django.db.models import prefetch_related_objects

    names = []
    for field in model.get_search_fields():
        if not isinstance(field, RelatedFields):
            continue
        try:
            model_field = field.get_field(model)
        except FieldDoesNotExist:  # a method or property: nothing to prefetch
            continue
        if model_field.many_to_many or model_field.one_to_many:
            names.append(field.field_name)
    if names and len(items) > 1:
        prefetch_related_objects(items, *names)


def _vocabulary_term(language: str, folded: str, written: str, frequency: int) -> SearchTerm:
    """A row of the "did you mean" vocabulary: the folded word, as written, and its stem."""
    return SearchTerm(
        language=language,
        term=folded,
        display=written,
        stem=text.stem(folded, language),
        length=len(folded),
        frequency=frequency,
    )
