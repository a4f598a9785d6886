"""The search report in the Wagtail admin: what readers look for, and what they do not find."""

from __future__ import annotations

import datetime

import django_filters
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView

from practices.export import csv_safe

from .analytics import REPORT_DAYS, popular_queries, zero_result_queries
from .models import DailySearchQuery

PERMISSION = "search.view_search_report"
ZERO_RESULTS_SHOWN = 100


def user_can_view_report(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


class SearchReportFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=lambda: list(settings.LANGUAGES),
        empty_label=_("All"),
    )

    class Meta:
        model = DailySearchQuery
        fields = ["language"]


class SearchReportView(ReportView):
    page_title = _("Search terms")
    header_icon = "search"
    template_name = "search/admin/search_report.html"
    results_template_name = "search/admin/search_report_results.html"
    index_url_name = "search_report"
    index_results_url_name = "search_report_results"
    filterset_class = SearchReportFilterSet
    paginate_by = 50
    list_export = ["query", "language", "total", "last_seen"]
    # Any reader types the queries: the CSV must not hand the admin's spreadsheet a formula
    # (Wagtail's XLSX export already stores formulas as text, its CSV export does not).
    custom_field_preprocess = {"query": {ReportView.FORMAT_CSV: csv_safe}}
    export_headings = {
        "query": _("Query"),
        "language": _("Language"),
        "total": _("Searches"),
        "last_seen": _("Last searched"),
    }

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not user_can_view_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self) -> str:
        return f"search-terms-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        # The most frequent queries of the last 30 days; paginated and exportable.
        return popular_queries(limit=None)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        zero = zero_result_queries(limit=None)
        if self.filters and self.filters.form.is_valid():
            language = self.filters.form.cleaned_data.get("language")
            if language:
                zero = zero.filter(language=language)
        context["zero_result_queries"] = list(zero[:ZERO_RESULTS_SHOWN])
        context["report_days"] = REPORT_DAYS
        return context
