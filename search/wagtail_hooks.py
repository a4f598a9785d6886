from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import SearchReportView, user_can_view_report
from .models import SynonymSet


@hooks.register("register_admin_urls")
def register_search_report_urls() -> list:
    return [
        path("reports/search-terms/", SearchReportView.as_view(), name="search_report"),
        path(
            "reports/search-terms/results/",
            SearchReportView.as_view(results_only=True),
            name="search_report_results",
        ),
    ]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return user_can_view_report(request.user)


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item() -> MenuItem:
    return SearchReportMenuItem(
        _("Search terms"),
        reverse("search_report"),
        name="search-terms",
        icon_name="search",
        order=1300,
    )


@hooks.register("register_permissions")
def register_search_report_permission():
    # Lets the group editor grant the report to project managers.
    return Permission.objects.filter(
        content_type__app_label="search", codename="view_search_report"
    )


class SynonymSetViewSet(SnippetViewSet):
    """Synonym sets in the admin (Snippets → Synonym sets): project managers only."""

    model = SynonymSet
    icon = "list-ul"
    menu_label = _("Synonyms")
    list_display = ["__str__", "note", "locale"]
    list_filter = ["locale"]
    search_fields = ["words"]  # a filter over the words, without the search backend
    panels = [FieldPanel("words"), FieldPanel("note")]


register_snippet(SynonymSetViewSet)
