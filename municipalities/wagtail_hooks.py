"""The municipalities' admin hooks: contact persons (views in contact_admin.py), and the
guards that keep each municipality's pages, drafts, files and translations its own."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.views.pages import bulk_actions as page_bulk_actions
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.views import bulk_actions as document_bulk_actions
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.views import bulk_actions as image_bulk_actions
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets import bulk_actions as snippet_bulk_actions
from wagtail.snippets.models import register_snippet
from wagtail_localize.views import convert as localize_convert
from wagtail_localize.views import snippets_api as localize_snippets_api
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.submit_translations import SubmitPageTranslationView

from core.wagtail_patches import PAGE_CHOOSER_BROWSE_HOOK, PAGE_TYPES_USAGE_HOOK

from . import explorer
from .chooser import (
    check_browsed_page,
    hide_unpublished_changes,
    may_browse,
    scope_chooser_pages,
    workable_pages,
)
from .contact_admin import ContactPersonViewSet
from .models import MunicipalityPage
from .permissions.documents import may_download_document
from .permissions.files import files_for_user
from .reports import hide_other_drafts

# --- Contact persons (their views: contact_admin.py) ----------------------------------------

register_snippet(ContactPersonViewSet)


# --- Municipality pages: deletion keeps content recoverable ---------------------------------


def _deletion_would_lose_practices(page: Page) -> bool:
    """True if the page or a page below it is a municipality that still has practices."""
    return (
        MunicipalityPage.objects.descendant_of(page, inclusive=True).filter(numchild__gt=0).exists()
    )


@hooks.register("before_delete_page")
def protect_municipalities_with_practices(request: HttpRequest, page: Page) -> HttpResponse | None:
    # Deleting a page deletes its subtree for good; a municipality with practices must be
    # emptied (practices moved or deleted one by one) or unpublished instead.
    if not _deletion_would_lose_practices(page):
        return None
    messages.error(
        request,
        _(
            "“%(title)s” cannot be deleted while a municipality in it has practices. "
            "Unpublish it instead, or move or delete the practices first."
        )
        % {"title": page.get_admin_display_title()},
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("before_bulk_action")
def protect_municipalities_from_bulk_delete(
    request: HttpRequest, action_type: str, objects: list, action_class_instance: Any
) -> HttpResponse | None:
    if action_type != "delete" or not issubclass(action_class_instance.model, Page):
        return None
    blocked = [page for page in objects if _deletion_would_lose_practices(page)]
    if not blocked:
        return None
    messages.error(
        request,
        _("Not deleted: %(titles)s still contain municipalities with practices.")
        % {"titles": ", ".join(page.get_admin_display_title() for page in blocked)},
    )
    return redirect("wagtailadmin_explore", blocked[0].get_parent().pk)


# --- Page chooser: no peeking at other municipalities' drafts -------------------------------


@hooks.register("construct_page_chooser_queryset")
def only_live_or_own_pages(pages: QuerySet[Page], request: HttpRequest) -> QuerySet[Page]:
    """Editors may link to any published page, but see unpublished ones only where they work.

    Other people's pending drafts of live pages are not shown either (see chooser.py; the
    chooser's "chosen multiple" view runs this hook too: core/wagtail_patches/).
    """
    return scope_chooser_pages(pages, request.user)


# The page being browsed, which Wagtail passes through no hook (core/wagtail_patches/).
hooks.register(PAGE_CHOOSER_BROWSE_HOOK, check_browsed_page)
# "Page types usage" names the page edited last: not another municipality's draft.
hooks.register(PAGE_TYPES_USAGE_HOOK, hide_other_drafts)


# --- wagtail-localize's translations report: only what the user may edit --------------------


class ScopedTranslationsReportView(TranslationsReportView):
    """wagtail-localize lists every translation to every admin user; keep it to their own.

    A translation is listed if the user may edit its source page (or, for snippets, the
    snippet type), so an editor of A no longer sees the titles of B's translated drafts.
    """

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        user = self.request.user
        if user.is_superuser:
            return queryset
        workable = policy_registry.get_by_type(Page).instances_user_has_any_permission_for(
            user, {"add", "change", "publish"}
        )
        page_type = ContentType.objects.get_for_model(Page)
        snippet_types = [
            content_type.pk
            for content_type in ContentType.objects.filter(
                pk__in=queryset.values("source__object__content_type")
            ).exclude(pk=page_type.pk)
            if content_type.model_class() is not None
            and policy_registry.get_by_type(content_type.model_class()).user_has_permission(
                user, "change"
            )
        ]
        return queryset.filter(
            Q(
                source__object__content_type=page_type,
                source__object_id__in=workable.values("translation_key"),
            )
            | Q(source__object__content_type__in=snippet_types)
        )


class ScopedSnippetsAPIViewSet(localize_snippets_api.SnippetViewSet):
    """wagtail-localize's snippet API lists every object of any snippet model to any admin
    user; here only those the user may see in the admin (their own contacts, say)."""

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        if self.request.user.is_superuser:
            return queryset
        visible = objects_visible_to(self.request.user, queryset.model)
        return queryset.filter(pk__in=visible.values("pk"))


class ScopedSubmitPageTranslationView(SubmitPageTranslationView):
    """ "Translate this page" only for pages the user may see, and with their published title
    where the user may not edit the page (not somebody else's pending draft title)."""

    def get_object(self) -> Page:
        page = super().get_object()
        user = self.request.user
        if not may_browse(page, user):
            raise Http404
        hide_unpublished_changes([page], user)
        return page


def convert_to_alias_if_deletable(request: HttpRequest, page_id: int) -> HttpResponse:
    """wagtail-localize's "convert to alias" replaces a translation's content with the source
    page's latest revision, for good: as destructive as deleting it, so it needs "delete".
    (It asks only for "change", which the translators hold on the whole English tree.)"""
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_delete():
        raise PermissionDenied
    return localize_convert.convert_to_alias(request, page_id)


@hooks.register("register_admin_urls", order=-100)
def scoped_translations_report_urls() -> list:
    # Registered ahead of wagtail-localize's own URLs for the same paths, which they shadow.
    return [
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            convert_to_alias_if_deletable,
            name="municipalities_convert_to_alias",
        ),
        path(
            "localize/submit/page/<int:page_id>/",
            ScopedSubmitPageTranslationView.as_view(),
            name="municipalities_submit_page_translation",
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/",
            ScopedSnippetsAPIViewSet.as_view({"get": "list"}),
            name="municipalities_snippets_api_listing",
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
            ScopedSnippetsAPIViewSet.as_view({"get": "retrieve"}),
            name="municipalities_snippets_api_detail",
        ),
        path(
            "localize/reports/translations/",
            ScopedTranslationsReportView.as_view(),
            name="municipalities_translations_report",
        ),
        path(
            "localize/reports/translations/results/",
            ScopedTranslationsReportView.as_view(results_only=True),
            name="municipalities_translations_report_results",
        ),
    ]


# --- Images and documents: nothing of another municipality's files --------------------------


@hooks.register("before_serve_document")
def keep_unpublished_documents_private(document: Any, request: HttpRequest) -> None:
    """/documents/<id>/<filename>: see ``may_download_document`` for who gets what."""
    if not may_download_document(request.user, document):
        raise Http404


class ScopedFilesAPIMixin:
    """The admin API lists only the images or documents the user may see in the admin."""

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        visible = files_for_user(self.request.user, queryset.model)
        return queryset.filter(pk__in=visible.values("pk"))


class ScopedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    """The admin API's pages as the page chooser shows them: live pages, and unpublished ones
    only where the user may work; other people's pending titles hidden (chooser.py)."""

    def get_queryset(self) -> QuerySet[Page]:
        return scope_chooser_pages(super().get_queryset(), self.request.user)


class ScopedImagesAdminAPIViewSet(ScopedFilesAPIMixin, ImagesAdminAPIViewSet):
    pass


class ScopedDocumentsAdminAPIViewSet(ScopedFilesAPIMixin, DocumentsAdminAPIViewSet):
    pass


@hooks.register("construct_admin_api", order=100)
def scoped_files_admin_api(router: Any) -> None:
    # Runs after Wagtail's own registrations; same names, so these win.
    router.register_endpoint("pages", ScopedPagesAdminAPIViewSet)
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)


def objects_visible_to(user: Any, model: type) -> QuerySet:
    """The objects of ``model`` a user may see in the admin by name (bulk actions, API)."""
    if issubclass(model, Page):
        return workable_pages(user)
    if model in (get_image_model(), get_document_model()):
        return files_for_user(user, model)
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(
        user, {"add", "change", "delete", "publish", "view"}
    )


class ScopedBulkActionMixin:
    """Bulk actions ignore the selected objects the user may not even see.

    Wagtail lists the selected objects the user may not act on by title ("you don't have
    permission to …"); another municipality's drafts, files and contacts are left out as if
    they did not exist.
    """

    def get_actionable_objects(self) -> tuple[list, dict]:
        objects, extra = super().get_actionable_objects()
        no_access = extra.get("items_with_no_access", [])
        if no_access and not self.request.user.is_superuser:
            visible = set(
                objects_visible_to(self.request.user, self.model)
                .filter(pk__in=[obj.pk for obj in no_access])
                .values_list("pk", flat=True)
            )
            extra["items_with_no_access"] = [obj for obj in no_access if obj.pk in visible]
        return objects, extra


def _scoped_bulk_actions() -> list[type]:
    names_by_module = {
        image_bulk_actions: ("AddTagsBulkAction", "AddToCollectionBulkAction", "DeleteBulkAction"),
        document_bulk_actions: (
            "AddTagsBulkAction",
            "AddToCollectionBulkAction",
            "DeleteBulkAction",
        ),
        page_bulk_actions: (
            "DeleteBulkAction",
            "MoveBulkAction",
            "PublishBulkAction",
            "UnpublishBulkAction",
        ),
        snippet_bulk_actions: ("DeleteBulkAction",),
    }
    actions = []
    for module, names in names_by_module.items():
        for name in names:
            base = getattr(module, name)
            actions.append(type(f"Scoped{base.__name__}", (ScopedBulkActionMixin, base), {}))
    return actions


for _action in _scoped_bulk_actions():
    # Registered after Wagtail's (higher order) under the same action type, so these replace them.
    hooks.register("register_bulk_action", _action, order=100)


# --- Moving pages: the confirmation names nothing the user may not move ---------------------


@hooks.register("before_move_page")
def refuse_moves_the_user_may_not_make(
    request: HttpRequest, page: Page, destination: Page
) -> HttpResponse | None:
    # Wagtail's confirmation (GET) checks no permission and shows both titles; its POST is
    # refused by the move action. Refuse both before anything is shown.
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
    return None


# --- Page explorer: wagtail-localize's row buttons without queries per row ------------------

hooks.register("construct_explorer_page_queryset", explorer.explorer_queryset)


@hooks.register("register_admin_viewset")
def scoped_people_page_viewset() -> explorer.ScopedPeoplePageViewSet:
    # After Wagtail's base page viewset (order -1), which this one replaces: see explorer.py.
    return explorer.ScopedPeoplePageViewSet()
