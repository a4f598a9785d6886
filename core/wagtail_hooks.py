"""Admin behaviour shared by every page type: no page before its first save; review requests
shown where the editor looks."""

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from .review import changes_requested, pages_needing_changes


def page_add_path() -> str:
    """The path every page "add" view starts with (/admin/pages/add/)."""
    example = reverse("wagtailadmin_pages:add", args=("app", "model", 1))
    return example[: example.index("app/model/1/")]


def is_autosave_request(request: HttpRequest) -> bool:
    # Wagtail's autosave posts the form with "Accept: application/json"; a click on "Save
    # draft", "Submit" or "Publish" is an ordinary form submission that accepts HTML.
    return request.method == "POST" and not request.accepts("text/html")


@hooks.register("before_create_page")
def no_autosave_before_first_save(
    request: HttpRequest, parent_page: Page, page_class: type[Page]
) -> HttpResponse | None:
    """Refuse to create a page from an autosave: an abandoned "add" form leaves nothing behind.

    The editor's script (below) stops the browser from sending these; this guards the server
    against an old cached script or another client. Wagtail answers the autosave with its
    "blocked by hook" JSON error.
    """
    if is_autosave_request(request):
        return HttpResponseBadRequest()
    return None


@hooks.register("insert_editor_js")
def create_without_autosave_js() -> str:
    return format_html(
        '<script src="{}" data-add-path="{}"></script>',
        static("platform_site/admin/create_without_autosave.js"),
        page_add_path(),
    )


@hooks.register("insert_editor_js")
def translation_editor_title_js() -> str:
    # {source} and {target} are the locales' display names, filled in by the script.
    title = _("Translation from {source} into {target}")
    return format_html(
        '<script src="{}" data-title="{}"></script>',
        static("platform_site/admin/translation_editor_title.js"),
        title,
    )


# --- Review: the reviewer's request where the editor looks ----------------------------------


@hooks.register("before_edit_page")
def show_requested_changes(request: HttpRequest, page: Page) -> None:
    """At the top of the edit screen, without opening any panel: who asked for what, when."""
    if request.method != "GET":
        return
    decision = changes_requested(page)
    if decision is None:
        return
    messages.warning(
        request,
        format_html(
            '<span data-review-request>{}</span> <a href="{}">{}</a>',
            decision.summary,
            reverse("wagtailadmin_pages:workflow_history", args=(page.pk,)),
            _("Review history"),
        ),
    )


class NeedsChangesPanel(Component):
    """Dashboard: the user's pages that a reviewer sent back, with the request."""

    name = "needs_changes"
    template_name = "platform_site/admin/panel_needs_changes.html"
    order = 90  # above Wagtail's own panels (workflow tasks 150, pages for moderation 200)

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def render_html(self, parent_context: dict | None = None) -> str:
        items = pages_needing_changes(self.request.user)
        if not items:
            return ""
        return render_to_string(
            self.template_name, {"items": items, "request": self.request}, request=self.request
        )


@hooks.register("construct_homepage_panels")
def add_needs_changes_panel(request: HttpRequest, panels: list) -> None:
    panels.append(NeedsChangesPanel(request))
