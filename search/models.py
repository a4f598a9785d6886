"""Storage of the search app: the pre-processed index, its vocabulary and the search log."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin

from core.references import ScopedModelForm


class SearchDocument(models.Model):
    """One indexed object, its text already folded and stemmed in the object's own language.

    The full-text machinery lives next to this table and is created by migration 0002:
    an FTS5 table kept in step by triggers on SQLite, generated tsvector columns with GIN
    indexes on PostgreSQL. Neither needs a Django field, so the model stays the same on both.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    # Every indexed model of the project has an integer primary key; an integer column lets
    # the database join it to the model's table through the primary key index.
    object_id = models.BigIntegerField()
    language = models.CharField(max_length=12)
    title = models.TextField(blank=True)
    # Boosted fields other than the title (a practice's summary, municipality, target groups).
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Folded but unstemmed words of the AutocompleteFields, for prefix matching.
    autocomplete = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_document_unique_object"
            )
        ]
        indexes = [
            models.Index(fields=["object_id"], name="search_document_object_idx"),
            # MAX(updated_at) tells every worker process cheaply whether the index changed.
            models.Index(fields=["updated_at"], name="search_document_updated_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} ({self.language})"


class SearchTerm(models.Model):
    """The indexed vocabulary of one language, for "did you mean" suggestions."""

    language = models.CharField(max_length=12)
    # Folded word ("harnosand"); `display` keeps a written form ("härnösand") to suggest.
    term = models.CharField(max_length=40)
    display = models.CharField(max_length=40)
    # Its index form: a query word whose stem is known is not misspelt ("mötesplats" is
    # correct even if only "mötesplatser" was ever written).
    stem = models.CharField(max_length=40)
    length = models.PositiveSmallIntegerField()
    frequency = models.PositiveIntegerField(default=1)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            models.UniqueConstraint(fields=["language", "term"], name="search_term_unique")
        ]
        indexes = [
            models.Index(fields=["language", "length"], name="search_term_length_idx"),
            models.Index(fields=["language", "stem"], name="search_term_stem_idx"),
        ]

    def __str__(self) -> str:
        return self.display


class DailySearchQuery(models.Model):
    """How often a normalised query was searched on one day in one language.

    One row per query and day keeps logging to a single upsert and the table small; no user,
    address or session is stored, so the log holds no personal data beyond what people type.
    """

    date = models.DateField(_("date"))
    language = models.CharField(_("language"), max_length=12)
    query = models.CharField(_("query"), max_length=200)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    # The result count of the latest search that day (0 marks a query that found nothing).
    results = models.PositiveIntegerField(_("results"), default=0)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("daily search query")
        verbose_name_plural = _("daily search queries")
        default_permissions = ()
        permissions = [("view_search_report", _("Can view the search report"))]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "language", "query"], name="search_daily_query_unique"
            )
        ]
        indexes = [models.Index(fields=["date"], name="search_daily_query_date_idx")]

    def __str__(self) -> str:
        return f"{self.date} {self.language} {self.query}"


class SynonymSet(TranslatableMixin, models.Model):
    """Words that a reader may use for one another, curated by the project managers.

    One set per meaning and language (the set's locale): a search for any of its words also
    finds practices with the others, ranked below the practices with the word typed. Applied
    when searching, so a change takes effect at once, without reindexing.
    """

    base_form_class = ScopedModelForm

    words = models.TextField(
        _("words"),
        help_text=_(
            "Words or short phrases that mean the same here, separated by commas, e.g. "
            "“flykting, skyddsbehövande, asylsökande”. Any inflected form finds the others."
        ),
    )
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("Why these words belong together (shown only in the admin)."),
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("synonym set")
        verbose_name_plural = _("synonym sets")
        ordering = ["words"]

    def __str__(self) -> str:
        return ", ".join(self.word_list())

    def word_list(self) -> list[str]:
        """The set's words, trimmed, without empty entries or repeats (first spelling kept)."""
        seen: dict[str, str] = {}
        for part in self.words.replace(";", ",").replace("\n", ",").split(","):
            word = " ".join(part.split())
            if word and word.casefold() not in seen:
                seen[word.casefold()] = word
        return list(seen.values())

    def clean(self) -> None:
        words = self.word_list()
        if len(words) < 2:
            raise ValidationError({"words": _("A synonym set needs at least two words.")})
        too_long = [word for word in words if len(word) > 60]
        if too_long:
            raise ValidationError({"words": _("Each word or phrase may be 60 characters long.")})
        self.words = ", ".join(words)
