"""The reviewers' view of suggested practices: a list and one suggestion, scoped per user."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from municipalities.permissions.membership import municipality_keys_for_user

from . import suggestions
from .models import PracticeSuggestion, SuggestionStatus


def suggestion_list(request: HttpRequest) -> HttpResponse:
    visible = suggestions.suggestions_for(request.user)
    if not suggestions.reviews_all(request.user) and not visible.exists():
        # Someone with no municipality and no review right has nothing here.
        if not municipality_keys_for_user(request.user):
            raise PermissionDenied
    status = request.GET.get("status", SuggestionStatus.PENDING)
    if status not in SuggestionStatus.values:
        status = SuggestionStatus.PENDING
    return TemplateResponse(
        request,
        "outreach/admin/suggestion_list.html",
        {
            "page_title": _("Suggested practices"),
            "header_icon": "mail",
            "suggestions": visible.filter(status=status)[:200],
            "status": status,
            "statuses": SuggestionStatus.choices,
        },
    )


def _visible(request: HttpRequest, pk: int) -> PracticeSuggestion:
    suggestion = suggestions.suggestions_for(request.user).filter(pk=pk).first()
    if suggestion is None:
        raise Http404
    return suggestion


@require_http_methods(["GET", "HEAD", "POST"])
def suggestion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = _visible(request, pk)
    may_decide = suggestions.reviews_all(request.user)
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        if suggestion.status != SuggestionStatus.PENDING:
            messages.error(request, _("This suggestion has already been decided."))
        elif request.POST.get("action") == "decline":
            note = request.POST.get("note", "").strip()[:2000]
            suggestions.decline(suggestion, note, request.user)
            messages.success(request, _("The suggestion was declined and the sender told."))
            return redirect("outreach_suggestions")
    return TemplateResponse(
        request,
        "outreach/admin/suggestion_detail.html",
        {
            "page_title": suggestion.title,
            "header_icon": "mail",
            "suggestion": suggestion,
            "may_decide": may_decide and suggestion.status == SuggestionStatus.PENDING,
        },
    )
