"""Public views: contact the owner, municipalities like mine, and "In numbers"."""

from __future__ import annotations

import csv

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.locales import active_locale
from municipalities.counties import MUNICIPALITY_GROUP_CHOICES
from municipalities.models import MunicipalityPage
from practices.export import csv_safe
from practices.models import PracticePage

from . import contact, statistics
from .charts import chart_for
from .forms import ContactOwnerForm, MyMunicipalityForm
from .similarity import find_reader_place, owner_likeness, similarity_ordering

MY_MUNICIPALITY_COOKIE = "lp_my_municipality"
MY_MUNICIPALITY_COOKIE_AGE = 365 * 24 * 60 * 60
PRACTICES_PER_PAGE = 12
MAX_SIMILAR_SHOWN = 10


# --- Contact the owner ----------------------------------------------------------------------


def _csrf_failure(request: HttpRequest) -> HttpResponse | None:
    """None if the POST is genuine: same-origin headers, or else a valid CSRF token.

    The form on the (cacheable) practice page carries no token and relies on the browser's
    Origin header; the form on the contact page itself has a token as a fallback for
    browsers or proxies that strip Origin and Referer.
    """
    if contact.is_same_origin(request):
        return None
    return CsrfViewMiddleware(lambda r: HttpResponse()).process_view(request, None, (), {})


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def contact_owner(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(PracticePage.objects.live().select_related("municipality"), pk=page_id)
    has_recipients = contact.has_recipients(page)
    status = 200
    sent = request.GET.get("sent") == "1"
    form = ContactOwnerForm()
    if request.method == "POST":
        failure = _csrf_failure(request)
        if failure is not None:
            return failure
        form = ContactOwnerForm(request.POST)
        if not has_recipients:
            status = 404
        elif form.is_spam():
            # Answer a bot exactly as a person, so it learns nothing; nothing is sent.
            return redirect(f"{request.path}?sent=1", permanent=False)
        elif not form.is_valid():
            status = 400
        elif not contact.take_message_slot(request):
            status = 429
        elif contact.send_message(page, form.cleaned_data, request):
            response = redirect(f"{request.path}?sent=1")
            response.status_code = 303
            return response
        else:
            status = 503
    response = render(
        request,
        "learning/contact_page.html",
        {
            # Not "page": the site's templates would treat the form as the practice page.
            "practice": page,
            "form": form,
            "has_recipients": has_recipients,
            "sent": sent,
            "rate_limited": status == 429,
            "delivery_failed": status == 503,
            "include_csrf_token": True,
        },
        status=status,
    )
    # Holds a CSRF token and the visitor's own input: never cached, never shared.
    add_never_cache_headers(response)
    return response


# --- Municipalities like mine ---------------------------------------------------------------


def like_mine(request: HttpRequest) -> HttpResponse:
    locale = active_locale()
    forget = request.GET.get("forget") == "1"
    cookie_code = None if forget else request.COOKIES.get(MY_MUNICIPALITY_COOKIE)
    from_cookie = False
    if request.GET.get("municipality"):
        form = MyMunicipalityForm(request.GET)
    elif cookie_code:
        form = MyMunicipalityForm({"municipality": cookie_code})
        from_cookie = True
    else:
        form = MyMunicipalityForm()
    if from_cookie and not form.is_valid():
        # A cookie from an older list of municipalities: start again rather than complain.
        form = MyMunicipalityForm()
        from_cookie = False
        forget = True
    place = None
    similar = []
    page_obj = None
    if form.is_bound and form.is_valid():
        place = find_reader_place(form.cleaned_data["municipality"])
    if place is not None:
        owners = list(MunicipalityPage.objects.live().filter(locale=locale))
        likeness = owner_likeness(place, owners)
        ranked = sorted(
            (page for page in owners if likeness[page.pk].score > 0),
            key=lambda p: (-likeness[p.pk].score, p.title),
        )
        similar = [(p, likeness[p.pk]) for p in ranked[:MAX_SIMILAR_SHOWN]]
        practices = (
            PracticePage.objects.live()
            .filter(locale=locale)
            .annotate(likeness=similarity_ordering(likeness))
            .order_by("-likeness", "-first_published_at", "-pk")
            .with_listing_relations()
        )
        page_obj = Paginator(practices, PRACTICES_PER_PAGE).get_page(request.GET.get("page"))
        page_obj.object_list = list(page_obj.object_list)
        for practice in page_obj.object_list:
            item = likeness.get(practice.municipality_id)
            practice.likeness_reason = item.reason_text if item and item.score > 0 else ""
    invalid = form.is_bound and not form.is_valid()
    response = render(
        request,
        "learning/like_mine.html",
        {
            "form": form,
            "place": place,
            "similar": similar,
            "page_obj": page_obj,
            "practices": page_obj.object_list if page_obj else [],
            "place_group": dict(MUNICIPALITY_GROUP_CHOICES).get(place.municipality_group, "")
            if place
            else "",
            "from_cookie": from_cookie,
            "remembered": (bool(cookie_code) and not forget)
            or (place is not None and bool(form.cleaned_data.get("remember"))),
        },
        status=400 if invalid else 200,
    )
    if place is not None and not from_cookie and form.cleaned_data.get("remember"):
        response.set_cookie(
            MY_MUNICIPALITY_COOKIE,
            form.cleaned_data["municipality"],
            max_age=MY_MUNICIPALITY_COOKIE_AGE,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure(),
        )
    elif forget:
        response.delete_cookie(MY_MUNICIPALITY_COOKIE, samesite="Lax")
    # The answer depends on the cookie: shared caches must not hand it to someone else.
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(response, private=True)
    return response


# --- In numbers -----------------------------------------------------------------------------


def _summary(dataset: statistics.Dataset, total: int) -> str:
    if dataset.slug == "adaptations":
        adaptations = dataset.total
        if not adaptations:
            return _("No published practice is an adaptation yet.")
        busiest = dataset.top
        return ngettext(
            "%(count)s published adaptation in all; most were published in %(year)s (%(n)s).",
            "%(count)s published adaptations in all; most were published in %(year)s (%(n)s).",
            adaptations,
        ) % {"count": adaptations, "year": busiest.label, "n": busiest.count}
    top = dataset.top
    if top is None:
        return _("No published practices to count yet.")
    text = _("%(total)s published practices. The largest group: %(label)s, with %(n)s.") % {
        "total": total,
        "label": top.label,
        "n": top.count,
    }
    if dataset.overlapping:
        text += " " + _("A practice can be counted in several rows.")
    return text


def statistics_page(request: HttpRequest) -> HttpResponse:
    locale = active_locale()
    total = statistics.total_practices(locale)
    datasets = statistics.all_datasets(locale)
    sections = []
    for dataset in datasets:
        summary = _summary(dataset, total)
        sections.append(
            {"dataset": dataset, "summary": summary, "chart": chart_for(dataset, summary)}
        )
    return render(
        request,
        "learning/statistics.html",
        {"total": total, "sections": sections, "csv_url": reverse("learning:statistics_csv")},
    )


def statistics_csv(request: HttpRequest) -> HttpResponse:
    locale = active_locale()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"larplattformen-{locale.language_code}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # a BOM, so that spreadsheet programs read å, ä and ö right
    writer = csv.writer(response)
    writer.writerow(["dataset", "key", "label", "count", "running_total"])
    total = statistics.total_practices(locale)
    rows = [["total", "", _("Published practices"), total, None]]
    for dataset in statistics.all_datasets(locale):
        rows += [[dataset.slug, r.key, r.label, r.count, r.extra] for r in dataset.rows]
    # Every cell: keys and labels are typed by editors (taxonomy names), None is empty.
    writer.writerows([csv_safe(value) for value in row] for row in rows)
    return response
