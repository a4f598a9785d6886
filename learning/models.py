"""Tables for learning across municipalities.

Nothing here duplicates the page tree: practices and municipality pages stay where they are,
and these models hold what is computed from them (related practices, keyword vectors), calls for
practices, and the record of follow-up reminders already sent.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.references import ScopedModelForm


class CallForPracticesQuerySet(models.QuerySet):
    def open_on(self, day: date | None = None) -> CallForPracticesQuerySet:
        """Calls accepting practices on ``day``: a call closes by itself after its deadline."""
        day = day or timezone.localdate()
        return self.filter(opens_on__lte=day, deadline__gte=day)

    def in_locale(self, locale) -> CallForPracticesQuerySet:
        """Calls in ``locale``, plus source-language calls that have no translation in it yet."""
        translated = self.model.objects.filter(locale=locale).values("translation_key")
        return self.filter(
            models.Q(locale=locale)
            | (
                models.Q(locale__language_code=settings.LANGUAGE_CODE)
                & ~models.Q(translation_key__in=translated)
            )
        )


class CallForPractices(TranslatableMixin, index.Indexed, models.Model):
    """A project manager asks municipalities for practices on a theme, until a deadline."""

    base_form_class = ScopedModelForm
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"),
        max_length=2000,
        help_text=_("What kind of practices are wanted, and why."),
    )
    theme = models.ForeignKey(
        "practices.ThemePage",
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calls_for_practices",
        help_text=_("Published practices submitted under the call are listed on this theme."),
    )
    opens_on = models.DateField(_("opens"), default=date.today)
    deadline = models.DateField(
        _("deadline"), help_text=_("The last day to submit. The call closes by itself after it.")
    )

    objects = CallForPracticesQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("theme"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("deadline")]),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        SynchronizedField("theme"),
        SynchronizedField("opens_on"),
        SynchronizedField("deadline"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("call for practices")
        verbose_name_plural = _("calls for practices")
        ordering = ["deadline", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.opens_on and self.deadline and self.deadline < self.opens_on:
            raise ValidationError({"deadline": _("The deadline cannot be before the call opens.")})

    def is_open(self, day: date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.deadline

    @property
    def is_open_today(self) -> bool:
        return self.is_open()

    def localized_theme(self):
        """The theme page in this call's language, when it has been translated."""
        if self.theme is None:
            return None
        if self.theme.locale_id == self.locale_id:
            return self.theme
        return self.theme.get_translation_or_none(self.locale) or self.theme


class CallSubmission(models.Model):
    """A practice that a municipality submitted under a call.

    A table of its own rather than a field on PracticePage: a practice may answer several
    calls, and submitting must not need a new revision of the page.
    """

    call = models.ForeignKey(
        CallForPractices,
        verbose_name=_("call for practices"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="call_submissions",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("submission to a call")
        verbose_name_plural = _("submissions to calls")
        constraints = [
            models.UniqueConstraint(fields=["call", "practice"], name="learning_one_submission")
        ]

    def __str__(self) -> str:
        return f"{self.practice} → {self.call}"


class RelatedPractice(models.Model):
    """Up to five related practices per practice, computed when a practice is published."""

    practice = models.ForeignKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="related_links"
    )
    related = models.ForeignKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="related_backlinks"
    )
    # No stored rank: lists are read best score first, so adding or dropping one entry in a
    # neighbour's list touches one row, not five.
    score = models.FloatField()

    class Meta:
        verbose_name = _("related practice")
        verbose_name_plural = _("related practices")
        ordering = ["practice", "-score", "-related_id"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "related"], name="learning_related_once")
        ]


class PracticeTerm(models.Model):
    """A practice's stemmed keyword with its TF-IDF weight: the text half of "related".

    Only live practices have terms; the vector of each practice is normalised to length 1,
    so that the sum of products over shared terms is the cosine similarity.
    """

    practice = models.ForeignKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="+"
    )
    locale_id = models.PositiveIntegerField()
    term = models.CharField(max_length=64)
    weight = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "term"], name="learning_term_once")
        ]
        indexes = [models.Index(fields=["locale_id", "term"], name="learning_term_lookup")]


class FollowUpReminder(models.Model):
    """A reminder e-mail that was sent, so that the daily command sends each one once.

    ``due_since`` is the date that made the item due (the practice's last verification or
    the contact's review date): a new verification starts a new period.
    """

    class Kind(models.TextChoices):
        PRACTICE = "practice", _("Practice not verified")
        CONTACT = "contact", _("Contact person to review")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    practice = models.ForeignKey(
        "practices.PracticePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    contact = models.ForeignKey(
        "municipalities.ContactPerson",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    due_since = models.DateField(_("due since"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("follow-up reminder")
        verbose_name_plural = _("follow-up reminders")
        indexes = [
            models.Index(fields=["kind", "practice", "due_since"], name="learning_reminder_p"),
            models.Index(fields=["kind", "contact", "due_since"], name="learning_reminder_c"),
        ]
