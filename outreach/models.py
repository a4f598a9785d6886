"""Subscriptions: what a reader follows, and which practices they have already been sent.

Only what the digests need is stored: the address, the language, the filter and the dates.
Unconfirmed subscriptions are deleted after ``UNCONFIRMED_DAYS`` (``send_digests`` does it).
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

UNCONFIRMED_DAYS = 7


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Once a week")
    IMMEDIATE = "immediate", _("As soon as a practice is published")


class Subscription(models.Model):
    email = models.EmailField(_("e-mail address"), max_length=254, db_index=True)
    language = models.CharField(_("language"), max_length=10)
    #: The followed list as query parameters: {"q": "…", "target_group": ["…"], "theme": "<key>"}.
    filters = models.JSONField(_("filter"), default=dict, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    #: A secret: who holds it may confirm or cancel this subscription (links in the e-mails).
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "language", "filters", "frequency"],
                name="outreach_one_subscription_per_filter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.language})"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def confirmation_expired(self, now=None) -> bool:
        now = now or timezone.now()
        return self.created_at < now - timedelta(days=UNCONFIRMED_DAYS)


class SentPractice(models.Model):
    """A practice that went out in a digest of a subscription, so it is never sent twice."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="sent_practices"
    )
    #: The practice's translation key: a practice re-published or translated is still the same.
    practice_key = models.UUIDField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "practice_key"], name="outreach_sent_once"
            )
        ]


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")


#: The sender's name, organisation and address are erased this long after the decision.
SUGGESTION_PERSONAL_DATA_DAYS = 30


class PracticeSuggestion(models.Model):
    """A practice suggested through the public form by someone without an account.

    With a municipality on the platform it becomes a draft practice under that municipality
    for its editors and the project managers to review; otherwise it waits here, in the
    project managers' holding area. Nothing of it is public until a project manager publishes.
    """

    name = models.CharField(_("name"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    # Blank once the personal data is erased (SUGGESTION_PERSONAL_DATA_DAYS after the decision).
    email = models.EmailField(_("e-mail address"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=10, default="sv")
    municipality = models.ForeignKey(
        "municipalities.MunicipalityPage",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    municipality_name = models.CharField(
        _("municipality (not on the platform)"), max_length=100, blank=True
    )
    title = models.CharField(_("title"), max_length=255)
    what_was_done = models.TextField(_("what was done"))
    results = models.TextField(_("results"), blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("attached file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    draft = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("draft practice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.PENDING,
    )
    decision_note = models.TextField(_("message to the sender"), blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("practice suggestion")
        verbose_name_plural = _("practice suggestions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def municipality_label(self) -> str:
        return self.municipality.title if self.municipality else self.municipality_name

    @property
    def personal_data_erased(self) -> bool:
        return not self.email
