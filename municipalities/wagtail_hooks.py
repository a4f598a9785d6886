"""Admin for contact persons, scoped per municipality, and the guards around municipality pages."""

from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_localize.views.report import TranslationsReportView

from .models import ContactPerson, MunicipalityPage
from .permissions import (
    contact_in_scope,
    contact_municipalities_for_user,
    contacts_for_user,
    manages_all_contacts,
)

# --- Contact persons ------------------------------------------------------------------------


class ContactPersonForm(WagtailAdminModelForm):
    """Offer only the municipalities the user may attach a contact person to."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("municipality")
        if field is None:
            return
        allowed = contact_municipalities_for_user(self.for_user)
        if self.instance.municipality_id:
            # Keep the current owner valid; the views only let a user open contacts in scope.
            allowed = allowed.model.objects.filter(
                Q(pk__in=allowed.values("pk")) | Q(pk=self.instance.municipality_id)
            ).order_by("title")
        field.queryset = allowed
        if not manages_all_contacts(self.for_user):
            # A contact without a municipality would vanish from its author's view.
            field.required = True


class ScopedContactMixin:
    """404 for a contact person outside the user's municipalities, whichever view is asked."""

    def get_object(self, *args: Any, **kwargs: Any) -> ContactPerson:
        obj = super().get_object(*args, **kwargs)
        if not contact_in_scope(self.request.user, obj):
            raise Http404
        return obj


class ContactEditView(ScopedContactMixin, snippet_views.EditView):
    pass


class ContactCopyView(ScopedContactMixin, snippet_views.CopyView):
    pass


class ContactDeleteView(ScopedContactMixin, snippet_views.DeleteView):
    pass


class ContactUsageView(ScopedContactMixin, snippet_views.UsageView):
    pass


class ContactHistoryView(ScopedContactMixin, snippet_views.HistoryView):
    pass


class ContactInspectView(ScopedContactMixin, snippet_views.InspectView):
    pass


class ScopedChooserListMixin:
    def get_object_list(self) -> QuerySet[ContactPerson]:
        return contacts_for_user(self.request.user, super().get_object_list())


class ContactChooseView(ScopedChooserListMixin, snippet_chooser.ChooseView):
    pass


class ContactChooseResultsView(ScopedChooserListMixin, snippet_chooser.ChooseResultsView):
    pass


class ContactChosenView(snippet_chooser.SnippetChosenView):
    def get_object(self, pk: Any) -> ContactPerson:
        return contacts_for_user(self.request.user).get(pk=pk)


class ContactChosenMultipleView(snippet_chooser.SnippetChosenMultipleView):
    def get_objects(self, pks: list[str]) -> QuerySet[ContactPerson]:
        return contacts_for_user(self.request.user).filter(pk__in=pks)


class ContactPersonChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = ContactChooseView
    choose_results_view_class = ContactChooseResultsView
    chosen_view_class = ContactChosenView
    chosen_multiple_view_class = ContactChosenMultipleView


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    list_display = ["name", "role", "municipality", "review_date"]
    list_filter = ["municipality"]
    search_fields = ["name", "role"]
    ordering = ["name"]
    inspect_view_enabled = True

    edit_view_class = ContactEditView
    copy_view_class = ContactCopyView
    delete_view_class = ContactDeleteView
    usage_view_class = ContactUsageView
    history_view_class = ContactHistoryView
    inspect_view_class = ContactInspectView
    chooser_viewset_class = ContactPersonChooserViewSet

    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("role"),
            FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
            # A plain select: the page chooser would browse every municipality.
            FieldPanel("municipality", widget=forms.Select),
            FieldPanel("review_date"),
        ],
        base_form_class=ContactPersonForm,
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[ContactPerson]:
        return contacts_for_user(request.user, ContactPerson.objects.select_related("municipality"))


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
    """Editors may link to any published page, but see unpublished ones only where they work."""
    user = request.user
    if user.is_superuser:
        return pages
    workable = policy_registry.get_by_type(Page).instances_user_has_any_permission_for(
        user, {"add", "change", "publish"}
    )
    return pages.filter(Q(live=True) | Q(pk__in=workable.values("pk")))


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


@hooks.register("register_admin_urls", order=-100)
def scoped_translations_report_urls() -> list:
    # Registered ahead of wagtail-localize's own URLs for the same paths, which they shadow.
    return [
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
