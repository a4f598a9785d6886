"""Follow-up, so that results do not vanish: stale practices, stale contacts, reminders.

Who is responsible is read from Wagtail's own page permissions, not from group names: the
editors of a municipality are the members of groups holding "add" or "change" on that
municipality's page (in any locale). Project managers hold permissions on the root, so they
see everything on their dashboard but receive no municipality's reminders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission, Locale

from municipalities.models import ContactPerson, MunicipalityPage
from practices.models import PracticePage, PracticeStatus
from practices.verification import verification_cutoff

# A reminder is sent once when an item becomes due, then again only if it is still due
# this many days later: daily runs of the command never nag.
REMIND_AGAIN_AFTER_DAYS = 90
RESPONSIBLE_PERMISSIONS = ("add_page", "change_page")
CONTACT_RESPONSIBLE_PERMISSIONS = ("add_page",)


def stale_practices(today: date | None = None) -> QuerySet[PracticePage]:
    """Published practices in the source language not verified for twelve months.

    The verification date is synchronised to translations, so the source page stands for all.
    """
    return PracticePage.objects.live().filter(
        locale=Locale.get_default(), last_verified__lt=verification_cutoff(today)
    )


def overdue_contacts(today: date | None = None) -> QuerySet[ContactPerson]:
    return ContactPerson.objects.filter(review_date__lt=today or timezone.localdate())


def managed_municipalities(
    user: Any, permissions: tuple[str, ...] = RESPONSIBLE_PERMISSIONS
) -> QuerySet[MunicipalityPage]:
    """Municipality pages the user is responsible for: a page permission on it or above it."""
    if not getattr(user, "is_active", False) or not user.is_authenticated:
        return MunicipalityPage.objects.none()
    if user.is_superuser:
        return MunicipalityPage.objects.all()
    paths = set(
        GroupPagePermission.objects.filter(
            group__user=user, permission__codename__in=permissions
        ).values_list("page__path", flat=True)
    )
    if not paths:
        return MunicipalityPage.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return MunicipalityPage.objects.filter(condition)


def _keys(municipalities: QuerySet[MunicipalityPage]) -> QuerySet:
    return municipalities.values("translation_key")


def stale_practices_for(user: Any, today: date | None = None) -> QuerySet[PracticePage]:
    owners = managed_municipalities(user)
    return (
        stale_practices(today)
        .filter(municipality__translation_key__in=_keys(owners))
        .select_related("municipality")
        .order_by("last_verified", "title")
    )


def overdue_contacts_for(user: Any, today: date | None = None) -> QuerySet[ContactPerson]:
    # "add" as well: a translator holds "change" on every municipality's English pages, but
    # none of their contact persons is theirs to follow up.
    owners = managed_municipalities(user, permissions=CONTACT_RESPONSIBLE_PERMISSIONS)
    return (
        overdue_contacts(today)
        .filter(municipality__translation_key__in=_keys(owners))
        .select_related("municipality")
        .order_by("review_date", "name")
    )


def responsible_users(municipality: MunicipalityPage) -> QuerySet:
    """Active users with an e-mail address in the groups that work on exactly this municipality.

    Permissions on an ancestor (project managers, the translators' tree) do not count: the
    reminder goes to the municipality's own people.
    """
    page_ids = MunicipalityPage.objects.filter(translation_key=municipality.translation_key).values(
        "pk"
    )
    user_model = get_user_model()
    return (
        user_model.objects.filter(
            is_active=True,
            groups__page_permissions__page_id__in=page_ids,
            groups__page_permissions__permission__codename__in=RESPONSIBLE_PERMISSIONS,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


# --- Confirming, ending, regular operation --------------------------------------------------


@dataclass
class FollowUpResult:
    published: list[PracticePage] = field(default_factory=list)
    stamped: list[PracticePage] = field(default_factory=list)
    drafted: list[PracticePage] = field(default_factory=list)


def _stamp(page: PracticePage, today: date) -> None:
    """Set last_verified on the page row and in its latest revision, without publishing.

    Used when a draft is waiting: publishing it would push unreviewed changes live, and
    leaving the revision alone would bring the old date back with the next publish.
    """
    PracticePage.objects.filter(pk=page.pk).update(last_verified=today)
    for revision in {r.pk: r for r in (page.latest_revision, page.live_revision) if r}.values():
        content = dict(revision.content)
        content["last_verified"] = today.isoformat()
        revision.content = content
        revision.save(update_fields=["content"])


@transaction.atomic
def follow_up(
    page: PracticePage, user: Any, status: str | None = None, today: date | None = None
) -> FollowUpResult:
    """Confirm a practice (and its translations) as still accurate, optionally changing status.

    * No pending draft: the live content, with the new date (and status), is published as a
      new revision. Its content is what reviewers approved, plus the verification date.
    * A pending draft: only the date is stamped (live row and revisions), nothing published.
    * A status change by someone who may not publish: saved as a draft for review.
    """
    today = today or timezone.localdate()
    result = FollowUpResult()
    translations = (
        PracticePage.objects.filter(translation_key=page.translation_key)
        .select_related("latest_revision", "live_revision")
        .order_by("locale_id")
    )
    for current in translations:
        can_publish = current.permissions_for_user(user).can_publish()
        if current.live and not current.has_unpublished_changes and (not status or can_publish):
            current.last_verified = today
            if status:
                _apply_status(current, status, today)
            revision = current.save_revision(user=user, log_action=True)
            # An editor without publish rights may still publish this revision: the caller
            # checked that they may edit the page, and its content is the reviewed live
            # content plus the date. A change of status needs the right to publish.
            revision.publish(user=user, skip_permission_checks=not status)
            result.published.append(current)
        elif status:
            # No right to publish, or a draft waiting: the status joins the draft for review.
            _stamp(current, today)
            draft = current.get_latest_revision_as_object()
            _apply_status(draft, status, today)
            draft.last_verified = today
            draft.save_revision(user=user, log_action=True)
            result.drafted.append(current)
        else:
            _stamp(current, today)
            result.stamped.append(current)
        log(
            instance=current,
            action="learning.verified",
            user=user,
            data={"date": today.isoformat(), "status": status or ""},
        )
    if result.stamped or result.drafted:
        # A publish purges the page cache itself; a stamped date needs telling.
        from core.cache import purge_page_cache

        transaction.on_commit(purge_page_cache)
    return result


def _apply_status(page: PracticePage, status: str, today: date) -> None:
    page.status = status
    if status == PracticeStatus.ENDED and not page.end_date:
        page.end_date = today


# --- Reminders ------------------------------------------------------------------------------


@dataclass
class MunicipalityReminder:
    municipality: MunicipalityPage
    practices: list[PracticePage] = field(default_factory=list)
    contacts: list[ContactPerson] = field(default_factory=list)


def _last_sent(kind: str, field_name: str, ids: list[int]) -> dict[tuple[int, date], Any]:
    from .models import FollowUpReminder

    rows = FollowUpReminder.objects.filter(kind=kind, **{f"{field_name}_id__in": ids}).values_list(
        f"{field_name}_id", "due_since", "sent_at"
    )
    latest: dict[tuple[int, date], Any] = {}
    for obj_id, due_since, sent_at in rows:
        key = (obj_id, due_since)
        if key not in latest or sent_at > latest[key]:
            latest[key] = sent_at
    return latest


def _is_due(last: Any, now: Any) -> bool:
    return last is None or now - last >= timedelta(days=REMIND_AGAIN_AFTER_DAYS)


def reminders_due(today: date | None = None, now: Any = None) -> list[MunicipalityReminder]:
    """What to send today, grouped by owner municipality (source-language page)."""
    from .models import FollowUpReminder

    today = today or timezone.localdate()
    now = now or timezone.now()
    practices = list(stale_practices(today).select_related("municipality").order_by("pk"))
    sent = _last_sent(FollowUpReminder.Kind.PRACTICE, "practice", [p.pk for p in practices])
    groups: dict[Any, MunicipalityReminder] = {}
    for practice in practices:
        if practice.municipality is None:
            continue
        if not _is_due(sent.get((practice.pk, practice.last_verified)), now):
            continue
        key = practice.municipality.translation_key
        groups.setdefault(key, MunicipalityReminder(practice.municipality)).practices.append(
            practice
        )
    contacts = list(
        overdue_contacts(today).filter(municipality__isnull=False).select_related("municipality")
    )
    sent = _last_sent(FollowUpReminder.Kind.CONTACT, "contact", [c.pk for c in contacts])
    for contact in contacts:
        if not _is_due(sent.get((contact.pk, contact.review_date)), now):
            continue
        key = contact.municipality.translation_key
        groups.setdefault(key, MunicipalityReminder(contact.municipality)).contacts.append(contact)
    return sorted(groups.values(), key=lambda g: g.municipality.title)


def record_sent(reminder: MunicipalityReminder, recipient_count: int, now: Any = None) -> None:
    from .models import FollowUpReminder

    now = now or timezone.now()
    FollowUpReminder.objects.bulk_create(
        [
            FollowUpReminder(
                kind=FollowUpReminder.Kind.PRACTICE,
                practice=p,
                due_since=p.last_verified,
                sent_at=now,
                recipient_count=recipient_count,
            )
            for p in reminder.practices
        ]
        + [
            FollowUpReminder(
                kind=FollowUpReminder.Kind.CONTACT,
                contact=c,
                due_since=c.review_date,
                sent_at=now,
                recipient_count=recipient_count,
            )
            for c in reminder.contacts
        ]
    )


def admin_url(path: str) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return f"{base}{path}"
