from __future__ import annotations

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from municipalities.models import MunicipalityPage

from .models import Frequency

HONEYPOT_FIELD = "website"


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send a link to confirm it. We store nothing else about you."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )
    # Bots fill in every field; people never see this one (hidden with CSS, labelled anyway).
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


# --- Suggest a practice ---------------------------------------------------------------------

SUGGESTION_FILE_EXTENSIONS = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
SUGGESTION_FILE_MAX_BYTES = 5 * 1024 * 1024
#: A person needs more than this to fill in the form; a bot posting at once does not.
MIN_SECONDS_TO_FILL = 3
MAX_FORM_AGE_SECONDS = 24 * 60 * 60
_TIMESTAMP_SALT = "outreach.suggest.rendered"


def form_timestamp() -> str:
    return signing.dumps(time.time(), salt=_TIMESTAMP_SALT)


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.title


class SuggestPracticeForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=150,
        required=False,
        help_text=_("For example the municipality's integration unit or an association."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send a receipt, and a note when the practice is published or declined."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    municipality = MunicipalityChoiceField(
        label=_("Municipality"),
        queryset=MunicipalityPage.objects.none(),
        required=False,
        empty_label=_("Not in the list"),
        help_text=_("The municipality where the practice takes place."),
    )
    municipality_name = forms.CharField(
        label=_("Municipality, if not in the list"), max_length=100, required=False
    )
    title = forms.CharField(
        label=_("Name of the practice"),
        max_length=200,
        help_text=_("For example “Language café at the library”."),
    )
    what_was_done = forms.CharField(
        label=_("What was done"),
        min_length=40,
        max_length=5000,
        help_text=_("Who did what, for whom, since when. A few sentences are enough."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    results = forms.CharField(
        label=_("Results"),
        max_length=3000,
        required=False,
        help_text=_("What came of it, and how you know. Leave empty if it is too early to say."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    link = forms.URLField(
        label=_("Link to more information"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("A report or leaflet: PDF, Word, OpenDocument, PNG or JPEG, at most 5 MB."),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    rendered = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = (
            MunicipalityPage.objects.live()
            .public()
            .filter(locale=Locale.get_default())
            .order_by("title")
        )
        if not self.is_bound:
            self.initial["rendered"] = form_timestamp()

    def is_spam(self) -> bool:
        """A filled honeypot, or a form posted faster than a person can type or days later."""
        if self.data.get(HONEYPOT_FIELD, "").strip():
            return True
        try:
            rendered = signing.loads(
                self.data.get("rendered", ""), salt=_TIMESTAMP_SALT, max_age=MAX_FORM_AGE_SECONDS
            )
        except signing.BadSignature:
            return True
        return time.time() - float(rendered) < MIN_SECONDS_TO_FILL

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in SUGGESTION_FILE_EXTENSIONS:
            raise forms.ValidationError(_("Choose a PDF, Word, OpenDocument, PNG or JPEG file."))
        if upload.size > SUGGESTION_FILE_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        head = upload.read(16)
        upload.seek(0)
        if not head.startswith(SUGGESTION_FILE_EXTENSIONS[extension]):
            raise forms.ValidationError(
                _("The file's content does not match its name. Choose another file.")
            )
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("municipality") and not data.get("municipality_name", "").strip():
            self.add_error(
                "municipality_name",
                _("Choose the municipality in the list, or write its name here."),
            )
        return data
