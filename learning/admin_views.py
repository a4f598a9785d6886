"""Admin views: adapt a practice, follow up a practice, submit a practice to a call."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from municipalities.models import MunicipalityPage
from practices.models import EvidenceLevel, PracticePage, PracticeStatus

from . import follow_up as follow_up_module
from .forms import AdaptPracticeForm, SubmitToCallForm
from .models import CallForPractices, CallSubmission

# What an adaptation starts from. The method and its conditions travel; the original's
# results, figures, people, funding and pictures belong to the original and do not.
ADAPTATION_COPIED_FIELDS = (
    "summary",
    "challenge",
    "what_was_done",
    "transferability",
    "resources_needed",
    "scale_notes",
    "body",
)
ADAPTATION_COPIED_RELATIONS = ("target_groups", "approaches")


def addable_municipalities(user: Any, locale_id: int | None = None) -> QuerySet[MunicipalityPage]:
    """Municipality pages under which the user may create pages (Wagtail's own rules)."""
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "add")
    municipalities = MunicipalityPage.objects.filter(pk__in=pages.values("pk")).order_by("title")
    if locale_id is not None:
        municipalities = municipalities.filter(locale_id=locale_id)
    return municipalities


def _visible_original(request: HttpRequest, page_id: int) -> PracticePage:
    page = get_object_or_404(PracticePage, pk=page_id)
    # Anyone may adapt what is published; a draft only by those who may edit it anyway.
    if not page.live and not page.permissions_for_user(request.user).can_edit():
        raise Http404
    return page


def _unique_slug(parent: Page, base: str) -> str:
    base = (slugify(base) or "anpassning")[:60]
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def create_adaptation(original: PracticePage, parent: MunicipalityPage, user: Any) -> PracticePage:
    """A draft under ``parent``, pre-filled from ``original`` and marked as adapted from it."""
    source = original.get_latest_revision_as_object() if not original.live else original
    adaptation = PracticePage(
        title=original.title,
        slug=_unique_slug(parent, original.slug),
        locale_id=parent.locale_id,
        owner=user,
        live=False,
        has_unpublished_changes=True,
        adapted_from=original,
        status=PracticeStatus.PLANNED,
        evidence_level=EvidenceLevel.NOT_EVALUATED,
        last_verified=timezone.localdate(),
    )
    for name in ADAPTATION_COPIED_FIELDS:
        value = getattr(source, name)
        if name == "body":
            value = value.raw_data
        setattr(adaptation, name, value)
    for name in ADAPTATION_COPIED_RELATIONS:
        getattr(adaptation, name).set(list(getattr(source, name).all()))
    adaptation.tags.set(list(source.tags.all()))
    parent.add_child(instance=adaptation)
    adaptation.save_revision(user=user, log_action=True)
    return adaptation


def adapt_practice(request: HttpRequest, page_id: int) -> HttpResponse:
    original = _visible_original(request, page_id)
    municipalities = addable_municipalities(request.user, original.locale_id)
    if not municipalities.exists():
        municipalities = addable_municipalities(request.user)
    if not municipalities.exists():
        raise PermissionDenied
    form = AdaptPracticeForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        parent = form.cleaned_data["municipality"]
        if not parent.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        if not PracticePage.can_create_at(parent):
            raise PermissionDenied
        adaptation = create_adaptation(original, parent, request.user)
        messages.success(
            request,
            _(
                "Draft adaptation of “%(title)s” created in %(municipality)s. "
                "Describe what you changed and why."
            )
            % {"title": original.title, "municipality": parent.title},
        )
        return redirect("wagtailadmin_pages:edit", adaptation.pk)
    return TemplateResponse(
        request,
        "learning/admin/adapt.html",
        {
            "original": original,
            "form": form,
            "copied": ADAPTATION_COPIED_FIELDS,
            "header_title": _("Adapt this practice"),
            "page_title": _("Adapt this practice"),
        },
        status=400 if request.method == "POST" else 200,
    )


def choose_practice_to_adapt(request: HttpRequest) -> HttpResponse:
    """Find a published practice to adapt (editors cannot browse other municipalities)."""
    if not addable_municipalities(request.user).exists():
        raise PermissionDenied
    query = (request.GET.get("q") or "").strip()[:200]
    results = PracticePage.objects.none()
    if query:
        results = (
            PracticePage.objects.live()
            .filter(title__icontains=query)
            .select_related("municipality", "locale")
            .order_by("title")[:25]
        )
    return TemplateResponse(
        request,
        "learning/admin/choose_to_adapt.html",
        {"query": query, "results": results, "header_title": _("Adapt a practice")},
    )


def follow_up_practice(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(PracticePage, pk=page_id)
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    actions = {
        "confirm": None,
        "ended": PracticeStatus.ENDED,
        "regular": PracticeStatus.REGULAR,
    }
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in actions:
            return TemplateResponse(
                request,
                "learning/admin/follow_up.html",
                {"page": page, "error": _("Choose one of the actions."), "can_publish": False},
                status=400,
            )
        result = follow_up_module.follow_up(page, request.user, status=actions[action])
        if result.drafted:
            messages.warning(
                request,
                _(
                    "Marked as verified today. "
                    "The new status is saved as a draft: submit it for review."
                ),
            )
        elif result.stamped and not result.published:
            messages.success(
                request,
                _(
                    "Marked as verified today. "
                    "Your pending draft is unchanged and still needs publishing."
                ),
            )
        else:
            messages.success(
                request,
                _("Thank you: “%(title)s” is marked as verified today.") % {"title": page.title},
            )
        next_url = request.POST.get("next")
        if next_url == "edit":
            return redirect("wagtailadmin_pages:edit", page.pk)
        return redirect("wagtailadmin_home")
    return TemplateResponse(
        request,
        "learning/admin/follow_up.html",
        {
            "page": page,
            "overdue": page.is_verification_overdue,
            "can_publish": permissions.can_publish(),
            "header_title": _("Follow up a practice"),
        },
    )


def submit_to_call(request: HttpRequest, call_id: int) -> HttpResponse:
    call = get_object_or_404(CallForPractices, pk=call_id)
    editable = PagePermissionPolicy().instances_user_has_permission_for(request.user, "change")
    practices = (
        PracticePage.objects.filter(pk__in=editable.values("pk"), locale_id=call.locale_id)
        .exclude(call_submissions__call__translation_key=call.translation_key)
        .select_related("municipality")
        .order_by("title")
    )
    form = SubmitToCallForm(request.POST or None, practices=practices, call=call)
    if request.method == "POST" and form.is_valid():
        practice = form.cleaned_data["practice"]
        CallSubmission.objects.get_or_create(
            call=call, practice=practice, defaults={"submitted_by": request.user}
        )
        messages.success(
            request,
            _(
                "“%(practice)s” is submitted under “%(call)s”. "
                "It is listed on the theme page once published."
            )
            % {"practice": practice.title, "call": call.title},
        )
        return redirect("wagtailadmin_home")
    already = (
        CallSubmission.objects.filter(call__translation_key=call.translation_key)
        .filter(practice__in=PracticePage.objects.filter(pk__in=editable.values("pk")))
        .select_related("practice")
    )
    return TemplateResponse(
        request,
        "learning/admin/submit_to_call.html",
        {
            "call": call,
            "form": form,
            "already": already,
            "is_open": call.is_open(),
            "header_title": _("Submit a practice"),
        },
        status=400 if request.method == "POST" else 200,
    )
