"""The admin of contact persons: forms, views and chooser, scoped per municipality."""

from datetime import timedelta
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from core.references import ScopedModelForm

from .models import ContactPerson
from .permissions.contacts import (
    contact_in_scope,
    contact_municipalities_for_user,
    contacts_for_user,
    manages_all_contacts,
)

# --- Contact persons ------------------------------------------------------------------------


class ContactPersonForm(ScopedModelForm):
    """Offer only the municipalities the user may attach a contact person to.

    "Show publicly" is for project managers: to others it is shown, but cannot be changed.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        shown = self.fields.get("show_publicly")
        if shown is not None and not manages_all_contacts(self.for_user):
            # Only a project manager lists a person before a published page names them.
            shown.disabled = True
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
            # A contact without a municipality would vanish from its author's view; so no
            # empty choice either (the editor's own municipality comes first).
            field.required = True
            field.empty_label = None


class ContactPersonCreationForm(ContactPersonForm):
    """The chooser's "Add a contact person" tab: a new contact of the user's municipality.

    An editor is offered only their own municipality (chosen already when they have one); a
    project manager may pick any. The review date starts a year ahead.
    """

    class Meta:
        model = ContactPerson
        fields = ["name", "role", "role_en", "email", "phone", "municipality", "review_date"]
        # A plain select: the page chooser would browse every municipality.
        widgets = {"municipality": forms.Select}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            return
        self.initial.setdefault("review_date", timezone.localdate() + timedelta(days=365))
        field = self.fields["municipality"]
        if not manages_all_contacts(self.for_user):
            only = list(field.queryset[:2])
            if len(only) == 1:
                self.initial.setdefault("municipality", only[0].pk)


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
    """The user's own contacts, listed with name, role and municipality."""

    def get_object_list(self) -> QuerySet[ContactPerson]:
        objects = super().get_object_list().select_related("municipality")
        return contacts_for_user(self.request.user, objects)

    @property
    def title_column(self) -> Column:
        column = super().title_column
        column.accessor = "name"
        column.label = _("Name")
        return column

    @property
    def columns(self) -> list[Column]:
        return [
            *super().columns,
            Column("role", label=_("Role")),
            Column("municipality", label=_("Municipality")),
        ]


class ScopedCreationFormMixin:
    """The creation form knows its user: it offers only the user's own municipality."""

    def get_creation_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_creation_form_kwargs(), "for_user": self.request.user}


class ContactChooseView(
    ScopedChooserListMixin, ScopedCreationFormMixin, snippet_chooser.ChooseView
):
    pass


class ContactChooseResultsView(
    ScopedChooserListMixin, ScopedCreationFormMixin, snippet_chooser.ChooseResultsView
):
    pass


class ContactCreateView(ScopedCreationFormMixin, snippet_chooser.SnippetCreateView):
    def save_form(self, form: ContactPersonCreationForm) -> ContactPerson:
        contact = form.save()
        log(instance=contact, action="wagtail.create", user=self.request.user)
        return contact


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
    create_view_class = ContactCreateView
    creation_form_class = ContactPersonCreationForm
    creation_tab_label = _("Add a contact person")
    create_action_label = _("Add and choose")
    create_action_clicked_label = _("Adding…")


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
            FieldRowPanel([FieldPanel("role"), FieldPanel("role_en")]),
            FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
            # A plain select: the page chooser would browse every municipality.
            FieldPanel("municipality", widget=forms.Select),
            FieldPanel("review_date"),
            FieldPanel("show_publicly"),
        ],
        base_form_class=ContactPersonForm,
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[ContactPerson]:
        return contacts_for_user(request.user, ContactPerson.objects.select_related("municipality"))
