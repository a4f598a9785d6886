"""Follow a list by e-mail: subscribe (double opt-in), confirm, cancel, see all of one's own.

The answer to a subscription request is the same whether or not the address is known, so the
form cannot be used to find out who follows what. Links with tokens are never cached.
"""

from __future__ import annotations

import logging
import smtplib
from urllib.parse import urlencode

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core import ratelimit
from core.locales import active_language, active_locale

from . import following, mail, suggestions
from .forms import FollowForm, SuggestPracticeForm
from .models import Subscription

logger = logging.getLogger(__name__)

RATE_LIMIT_REQUESTS = 10
RATE_LIMIT_WINDOW_SECONDS = 60 * 60


def _render(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    response = render(request, template, {**context, "include_csrf_token": True}, status=status)
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    locale, language = active_locale(), active_language()
    source = request.POST if request.method == "POST" else request.GET
    filters = following.normalise(source)
    form = FollowForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_spam():
            return redirect("outreach:sent")
        if not ratelimit.take(request, "follow", RATE_LIMIT_REQUESTS, RATE_LIMIT_WINDOW_SECONDS):
            status = 429
        elif form.is_valid():
            if _subscribe(form.cleaned_data, filters, language):
                return redirect("outreach:sent")
            status = 503
        else:
            status = 400
    return _render(
        request,
        "outreach/follow.html",
        {
            "form": form,
            "followed": following.describe(filters, locale),
            "hidden_filters": _hidden_fields(filters),
            "rate_limited": status == 429,
            "delivery_failed": status == 503,
        },
        status=status,
    )


def _hidden_fields(filters: dict) -> list[tuple[str, str]]:
    fields = []
    for name, value in filters.items():
        for item in value if isinstance(value, list) else [value]:
            fields.append((name, item))
    return fields


def _subscribe(data: dict, filters: dict, language: str) -> bool:
    """Create (or re-use) the unconfirmed subscription and send its confirmation link.

    False only when the mail server refused the message. A confirmed subscription of the same
    address and filter gets no e-mail, and the visitor sees the same page either way.
    """
    email = data["email"].strip()
    lookup = {"email__iexact": email, "language": language, "frequency": data["frequency"]}
    existing = [s for s in Subscription.objects.filter(**lookup) if s.filters == filters]
    subscription = existing[0] if existing else None
    if subscription is not None and subscription.is_confirmed:
        return True
    try:
        with transaction.atomic():
            if subscription is None:
                subscription = Subscription.objects.create(
                    email=email, language=language, filters=filters, frequency=data["frequency"]
                )
            elif subscription.confirmation_expired():
                # A new link and a new week for an old, never-confirmed request.
                subscription.created_at = timezone.now()
                subscription.save(update_fields=["created_at"])
    except IntegrityError:  # the same request twice at once: the first one sends the link
        return True
    try:
        mail.send_confirmation(subscription)
    except (smtplib.SMTPException, OSError):
        logger.warning("Could not send a subscription confirmation", exc_info=True)
        return False
    return True


def sent(request: HttpRequest) -> HttpResponse:
    return _render(request, "outreach/sent.html", {})


def _subscription(token: str) -> Subscription | None:
    if len(token) > 64:
        return None
    return Subscription.objects.filter(token=token).first()


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: link scanners that open every link confirm nothing."""
    subscription = _subscription(token)
    if subscription is None or (
        not subscription.is_confirmed and subscription.confirmation_expired()
    ):
        return _render(request, "outreach/link_invalid.html", {}, status=404)
    locale = active_locale()
    confirmed_now = False
    if request.method == "POST" and not subscription.is_confirmed:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        confirmed_now = True
    return _render(
        request,
        "outreach/confirm.html",
        {
            "subscription": subscription,
            "confirmed_now": confirmed_now,
            "followed": following.describe(subscription.filters, locale),
            "manage_url": reverse("outreach:manage", args=[mail.manage_token(subscription.email)]),
        },
    )


# A mail client's one-click unsubscribe (RFC 8058) POSTs without a CSRF token; the secret token
# in the URL is what authorises it, and cancelling is the only thing this view can do.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    subscription = _subscription(token)
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()
        manage = request.POST.get("next_manage", "")
        if manage and mail.email_from_manage_token(manage):
            return redirect(
                reverse("outreach:manage", args=[manage]) + "?" + urlencode({"done": 1})
            )
        return _render(request, "outreach/cancelled.html", {})
    if subscription is None:
        # Already cancelled (or never there): say so plainly, without an error.
        return _render(request, "outreach/cancelled.html", {"already": True})
    locale = active_locale()
    return _render(
        request,
        "outreach/cancel.html",
        {
            "subscription": subscription,
            "followed": following.describe(subscription.filters, locale),
        },
    )


def manage(request: HttpRequest, token: str) -> HttpResponse:
    email = mail.email_from_manage_token(token) if len(token) <= 400 else None
    if email is None:
        return _render(request, "outreach/link_invalid.html", {}, status=404)
    locale = active_locale()
    subscriptions = [
        {"subscription": s, "followed": following.describe(s.filters, locale)}
        for s in Subscription.objects.filter(email__iexact=email).order_by("created_at")
    ]
    return _render(
        request,
        "outreach/manage.html",
        {
            "email": email,
            "subscriptions": subscriptions,
            "manage_token": token,
            "done": request.GET.get("done") == "1",
        },
    )


# --- Suggest a practice ---------------------------------------------------------------------

SUGGEST_RATE_LIMIT = 5


@require_http_methods(["GET", "HEAD", "POST"])
def suggest(request: HttpRequest) -> HttpResponse:
    language = active_language()
    status = 200
    if request.method == "POST":
        form = SuggestPracticeForm(request.POST, request.FILES)
        if form.is_spam():
            # Answer a bot as a person, so it learns nothing; nothing is stored.
            return redirect("outreach:suggest_sent")
        if not ratelimit.take(request, "suggest", SUGGEST_RATE_LIMIT, RATE_LIMIT_WINDOW_SECONDS):
            status = 429
        elif form.is_valid():
            suggestion = suggestions.create(form.cleaned_data, form.cleaned_data["file"], language)
            suggestions.notify_reviewers(suggestion)
            suggestions.send_receipt(suggestion)
            return redirect("outreach:suggest_sent")
        else:
            status = 400
    else:
        form = SuggestPracticeForm()
    return _render(
        request,
        "outreach/suggest.html",
        {"form": form, "rate_limited": status == 429},
        status=status,
    )


def suggest_sent(request: HttpRequest) -> HttpResponse:
    return _render(request, "outreach/suggest_sent.html", {})
