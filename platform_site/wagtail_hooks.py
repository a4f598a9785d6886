"""Admin behaviour shared by every page type: a page comes into being when it is saved."""

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.models import Page


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
