"""Contact the owner of a practice: delivery, rate limiting and request checks.

Nothing is stored: the message goes straight into an e-mail to the practice's contact
persons, with the sender's address as Reply-To, and is then forgotten. The only trace is a
counter in the cache, keyed by a salted hash of the IP address, that expires within the hour.
"""

from __future__ import annotations

import smtplib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation

from core import ratelimit
from municipalities.models import ContactPerson
from practices.models import PracticePage

RATE_LIMIT_MESSAGES = 5
RATE_LIMIT_WINDOW_SECONDS = 60 * 60


def _named_on(page: PracticePage):
    # The page's saved contact rows (a live page's: its published state).
    return ContactPerson.objects.filter(practice_links__page=page).exclude(email="").distinct()


def recipients_for(page: PracticePage) -> list[ContactPerson]:
    return list(_named_on(page).order_by("name"))


def has_recipients(page: PracticePage) -> bool:
    return _named_on(page).exists()


def take_message_slot(request: HttpRequest) -> bool:
    """Count one message of this client; False once it is over the limit within the hour.

    Counted and decided in one atomic step, so concurrent posts cannot all pass the limit.
    """
    return ratelimit.take(
        request, "learning-contact", RATE_LIMIT_MESSAGES, RATE_LIMIT_WINDOW_SECONDS
    )


def is_same_origin(request: HttpRequest) -> bool:
    """True if the browser says the form was posted from a page of this site.

    Browsers send Origin with every POST (Referer as a fallback); a cross-site forgery
    cannot fake either. This is what lets the form sit on cached practice pages without a
    per-visitor CSRF token.
    """
    own = f"{request.scheme}://{request.get_host()}"
    trusted = {own, *getattr(settings, "CSRF_TRUSTED_ORIGINS", [])}
    origin = request.META.get("HTTP_ORIGIN")
    if origin and origin != "null":
        return origin in trusted
    referer = request.META.get("HTTP_REFERER")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" in trusted
    return False


def send_message(page: PracticePage, data: dict, request: HttpRequest) -> bool:
    """E-mail the message to the contact persons. False if the mail server refused it."""
    recipients = recipients_for(page)
    if not recipients:
        return False
    context = {
        "page": page,
        "page_url": page.get_full_url(request=request),
        "sender_name": data["name"],
        "sender_email": data["email"],
        "organisation": data.get("organisation", ""),
        "message": data["message"],
    }
    # Contact persons work in Swedish municipalities: the e-mail is in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("learning/email/contact_subject.txt", context).strip()
        body = render_to_string("learning/email/contact_body.txt", context)
    email = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[c.email for c in recipients],
        reply_to=[data["email"]],
    )
    try:
        email.send(fail_silently=False)
    except (smtplib.SMTPException, OSError):
        return False
    return True
