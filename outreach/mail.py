"""The subscription e-mails: confirmation and digest, in the subscriber's language.

Every message carries the links to cancel this subscription and to see all of the address's
subscriptions, and the one-click unsubscribe headers of RFC 2369 and RFC 8058.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Site

from practices.models import PracticePage

from . import following
from .models import UNCONFIRMED_DAYS, Frequency, SentPractice, Subscription

MANAGE_SALT = "outreach.manage"
#: How long the "all my subscriptions" link of an e-mail stays valid.
MANAGE_LINK_MAX_AGE = 60 * 60 * 24 * 90
WEEK_SECONDS = 7 * 24 * 60 * 60
#: A digest lists at most this many practices; the rest wait for the next one.
MAX_PRACTICES_PER_DIGEST = 20


def site_root_url() -> str:
    """The public site's address: the default Wagtail Site, as for every other absolute URL."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url.rstrip("/")
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def absolute(path: str) -> str:
    return f"{site_root_url()}{path}"


def manage_token(email: str) -> str:
    return signing.dumps(email.lower(), salt=MANAGE_SALT, compress=True)


def email_from_manage_token(token: str) -> str | None:
    try:
        return signing.loads(token, salt=MANAGE_SALT, max_age=MANAGE_LINK_MAX_AGE)
    except signing.BadSignature:
        return None


def links(subscription: Subscription) -> dict[str, str]:
    """Absolute links of one subscription, in its language."""
    with translation.override(subscription.language):
        return {
            "confirm": absolute(reverse("outreach:confirm", args=[subscription.token])),
            "cancel": absolute(reverse("outreach:cancel", args=[subscription.token])),
            "manage": absolute(reverse("outreach:manage", args=[manage_token(subscription.email)])),
        }


def _locale(subscription: Subscription) -> Locale:
    return Locale.objects.filter(language_code=subscription.language).first() or (
        Locale.get_default()
    )


def _message(subscription: Subscription, kind: str, context: dict) -> EmailMultiAlternatives:
    with translation.override(subscription.language):
        context = {
            **context,
            "subscription": subscription,
            "links": links(subscription),
            "followed": following.describe(subscription.filters, _locale(subscription)),
            "site_url": site_root_url(),
        }
        subject = render_to_string(f"outreach/email/{kind}_subject.txt", context).strip()
        text = render_to_string(f"outreach/email/{kind}.txt", context)
        html = render_to_string(f"outreach/email/{kind}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{context['links']['cancel']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def send_confirmation(subscription: Subscription) -> None:
    _message(subscription, "confirm", {}).send()


def is_due(subscription: Subscription, now: datetime) -> bool:
    if not subscription.is_confirmed:
        return False
    if subscription.frequency == Frequency.IMMEDIATE or subscription.last_sent_at is None:
        return True
    return (now - subscription.last_sent_at).total_seconds() >= WEEK_SECONDS


def unsent_practices(subscription: Subscription) -> list[PracticePage]:
    sent = subscription.sent_practices.values("practice_key")
    practices = following.matching(
        subscription.filters, _locale(subscription), since=subscription.confirmed_at
    ).exclude(translation_key__in=sent)
    return list(practices.select_related("municipality")[:MAX_PRACTICES_PER_DIGEST])


def send_digest(subscription: Subscription, now: datetime | None = None) -> int:
    """Send the subscription's digest if it is due and has news; the number of practices sent.

    The practices are claimed (unique rows) in the same transaction as the e-mail is sent: a
    failed delivery claims nothing, and a second run, even a concurrent one, sends nothing twice.
    """
    now = now or timezone.now()
    if not is_due(subscription, now):
        return 0
    practices = unsent_practices(subscription)
    if not practices:
        return 0
    with translation.override(subscription.language):
        items = [{"page": p, "url": p.get_full_url()} for p in practices]
    try:
        with transaction.atomic():
            SentPractice.objects.bulk_create(
                SentPractice(subscription=subscription, practice_key=p.translation_key, sent_at=now)
                for p in practices
            )
            Subscription.objects.filter(pk=subscription.pk).update(last_sent_at=now)
            _message(subscription, "digest", {"items": items}).send()
    except IntegrityError:  # another run sent them first
        return 0
    subscription.last_sent_at = now
    return len(practices)


def delete_expired_unconfirmed(now: datetime | None = None) -> int:
    now = now or timezone.now()
    deleted, _ = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - timedelta(days=UNCONFIRMED_DAYS)
    ).delete()
    return deleted
