"""Suggested practices: a draft for review, notices to reviewers, receipts to the sender.

A suggestion never publishes anything: the draft it creates waits in the municipality's tree
(or, for a municipality not on the platform, the suggestion waits in the project managers'
holding area). Its file goes into a collection nobody outside the reviewers may download.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Locale

from municipalities.models import MunicipalityAccess, MunicipalityPage
from municipalities.permissions.membership import municipality_keys_for_user
from municipalities.permissions.roles import PROJECT_MANAGERS
from practices.models import PracticePage

from .models import SUGGESTION_PERSONAL_DATA_DAYS, PracticeSuggestion, SuggestionStatus

logger = logging.getLogger(__name__)

HOLDING_COLLECTION = "Förslag utan kommun"
REVIEW_PERMISSION = "outreach.change_practicesuggestion"


# --- Who sees what --------------------------------------------------------------------------


def reviews_all(user) -> bool:
    return bool(getattr(user, "is_active", False)) and (
        user.is_superuser or user.has_perm(REVIEW_PERMISSION)
    )


def suggestions_for(user) -> QuerySet[PracticeSuggestion]:
    """All suggestions for project managers; a municipality's own for its editors; else none."""
    suggestions = PracticeSuggestion.objects.select_related("municipality", "draft", "document")
    if reviews_all(user):
        return suggestions
    keys = municipality_keys_for_user(user)
    if not keys:
        return suggestions.none()
    return suggestions.filter(municipality__translation_key__in=keys)


# --- Creating -------------------------------------------------------------------------------


def _free_slug(parent: MunicipalityPage, title: str) -> str:
    base = slugify(title, allow_unicode=False)[:70] or "forslag"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _paragraphs(text: str) -> str:
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in parts)


def _holding_collection() -> Collection:
    """A collection only project managers may download from (a Wagtail view restriction)."""
    collection = Collection.objects.filter(name=HOLDING_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=HOLDING_COLLECTION)
    restriction, _ = CollectionViewRestriction.objects.get_or_create(
        collection=collection, defaults={"restriction_type": CollectionViewRestriction.GROUPS}
    )
    managers = Group.objects.filter(name=PROJECT_MANAGERS).first()
    if managers is not None:
        restriction.groups.add(managers)
    return collection


def _collection_for(municipality: MunicipalityPage | None) -> Collection:
    if municipality is not None:
        access = MunicipalityAccess.objects.filter(
            translation_key=municipality.translation_key
        ).first()
        if access is not None and access.collection_id:
            return access.collection
    return _holding_collection()


def create(data: dict, upload: UploadedFile | None, language: str) -> PracticeSuggestion:
    """Store the suggestion, with a draft practice under its municipality when there is one."""
    municipality: MunicipalityPage | None = data.get("municipality")
    with transaction.atomic():
        document = None
        if upload is not None:
            document = get_document_model().objects.create(
                title=data["title"][:200], file=upload, collection=_collection_for(municipality)
            )
        suggestion = PracticeSuggestion.objects.create(
            name=data["name"],
            organisation=data.get("organisation", ""),
            email=data["email"],
            language=language,
            municipality=municipality,
            municipality_name=data.get("municipality_name", "") if municipality is None else "",
            title=data["title"],
            what_was_done=data["what_was_done"],
            results=data.get("results", ""),
            link=data.get("link", ""),
            document=document,
        )
        if municipality is not None:
            suggestion.draft = _create_draft(suggestion, municipality)
            suggestion.save(update_fields=["draft"])
    return suggestion


def _create_draft(suggestion: PracticeSuggestion, municipality: MunicipalityPage) -> PracticePage:
    # Practices are written in the source language first; the draft goes in the Swedish tree.
    parent = (municipality.get_translation_or_none(Locale.get_default()) or municipality).specific
    with translation.override(suggestion.language):
        summary = " ".join(suggestion.what_was_done.split())[:280]
    page = PracticePage(
        title=suggestion.title,
        slug=_free_slug(parent, suggestion.title),
        summary=summary,
        what_was_done=_paragraphs(suggestion.what_was_done),
        results=_paragraphs(suggestion.results),
        municipality=parent,
        live=False,
    )
    parent.add_child(instance=page)
    page.save_revision(log_action=True)
    return page


# --- Deciding -------------------------------------------------------------------------------


def decline(suggestion: PracticeSuggestion, note: str, user) -> None:
    """Decline: the draft (if still unpublished) is deleted, and the sender told why."""
    with transaction.atomic():
        draft = suggestion.draft
        suggestion.status = SuggestionStatus.DECLINED
        suggestion.decision_note = note
        suggestion.decided_at = timezone.now()
        suggestion.draft = None
        suggestion.save()
        if draft is not None and not draft.live and draft.first_published_at is None:
            draft.delete(user=user)
    notify_sender(suggestion, "declined")


def mark_published(page: PracticePage) -> list[PracticeSuggestion]:
    """Called on publish: suggestions behind this page are done, and their senders told."""
    done = []
    for suggestion in PracticeSuggestion.objects.filter(
        draft__translation_key=page.translation_key, status=SuggestionStatus.PENDING
    ):
        suggestion.status = SuggestionStatus.PUBLISHED
        suggestion.decided_at = timezone.now()
        suggestion.save(update_fields=["status", "decided_at"])
        notify_sender(suggestion, "published", page=page)
        done.append(suggestion)
    return done


def on_page_published(sender, instance, **kwargs) -> None:
    mark_published(instance)


def erase_personal_data(now=None) -> int:
    """Blank the sender's details of suggestions decided more than 30 days ago."""
    now = now or timezone.now()
    return (
        PracticeSuggestion.objects.exclude(status=SuggestionStatus.PENDING)
        .filter(decided_at__lt=now - timedelta(days=SUGGESTION_PERSONAL_DATA_DAYS))
        .exclude(email="")
        .update(name="", organisation="", email="")
    )


# --- E-mails --------------------------------------------------------------------------------


def _admin_url(path: str) -> str:
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + path


def _send(to: list[str], template: str, context: dict, language: str) -> None:
    with translation.override(language):
        subject = render_to_string(f"outreach/email/{template}_subject.txt", context)
        text = render_to_string(f"outreach/email/{template}.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=to,
        headers={"Auto-Submitted": "auto-generated"},
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.warning("Could not send %s e-mail", template, exc_info=True)


def reviewers(suggestion: PracticeSuggestion) -> list[str]:
    """Addresses of the municipality's editors and publishers, and of the project managers."""
    condition = Q(groups__name=PROJECT_MANAGERS)
    if suggestion.municipality is not None:
        access = MunicipalityAccess.objects.filter(
            translation_key=suggestion.municipality.translation_key
        ).first()
        if access is not None:
            condition |= Q(groups__in=[g for g in (access.editors, access.publishers) if g])
    users = get_user_model().objects.filter(condition, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def notify_reviewers(suggestion: PracticeSuggestion) -> None:
    to = reviewers(suggestion)
    if not to:
        return
    context = {
        "suggestion": suggestion,
        "review_url": _admin_url(reverse("outreach_suggestion", args=[suggestion.pk])),
        "draft_url": _admin_url(reverse("wagtailadmin_pages:edit", args=[suggestion.draft_id]))
        if suggestion.draft_id
        else "",
    }
    # Reviewers work in the admin, which is Swedish first.
    _send(to, "suggestion_received", context, settings.LANGUAGE_CODE)


def send_receipt(suggestion: PracticeSuggestion) -> None:
    _send([suggestion.email], "suggestion_receipt", {"suggestion": suggestion}, suggestion.language)


def notify_sender(suggestion: PracticeSuggestion, outcome: str, page=None) -> None:
    if not suggestion.email:
        return
    context = {"suggestion": suggestion, "page_url": page.get_full_url() if page else ""}
    _send([suggestion.email], f"suggestion_{outcome}", context, suggestion.language)
