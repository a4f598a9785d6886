from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from municipalities.counties import COUNTY_CHOICES
from municipalities.models import MunicipalityProfile
from practices.models import PracticePage

from .models import CallForPractices

HONEYPOT_FIELD = "website"


class ContactOwnerForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("The contact person replies to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    message = forms.CharField(
        label=_("Your message"),
        min_length=10,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    # Bots fill in every field; people never see this one (it is hidden with CSS and
    # labelled for the few who reach it anyway).
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


def _county_label(code: str) -> str:
    return str(dict(COUNTY_CHOICES).get(code, code))


def municipality_choices() -> list:
    """All municipalities grouped by county, for a native <select> with <optgroup>s.

    The imported list when there is one; otherwise the participating municipalities' pages.
    Cached per language until the next purge (the home page shows this list of 290).
    """
    from core.cache import cached_fragment
    from core.locales import active_language

    return cached_fragment(f"municipality-choices:{active_language()}", _municipality_choices)


def _municipality_choices() -> list:
    from municipalities.models import MunicipalityPage

    rows = list(MunicipalityProfile.objects.values_list("code", "short_name", "name", "county"))
    known = {code for code, *_rest in rows}
    for code, title, county in (
        MunicipalityPage.objects.filter(kind=MunicipalityPage.Kind.MUNICIPALITY)
        .order_by("locale_id")
        .values_list("code", "title", "county")
    ):
        if code not in known:
            rows.append((code, title, title, county))
            known.add(code)
    by_county: dict[str, list] = {}
    for code, short_name, name, county in rows:
        by_county.setdefault(county, []).append((code, short_name or name))
    order = [code for code, _label in COUNTY_CHOICES]
    choices: list = [("", _("Choose your municipality"))]
    for county in sorted(by_county, key=lambda c: order.index(c) if c in order else 99):
        options = sorted(by_county[county], key=lambda item: item[1])
        choices.append((_county_label(county), options))
    return choices


class MyMunicipalityForm(forms.Form):
    municipality = forms.ChoiceField(label=_("My municipality"), choices=())
    remember = forms.BooleanField(
        label=_("Remember my choice on this device (a cookie with the municipality code only)"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = municipality_choices()


class SubmitToCallForm(forms.Form):
    practice = forms.ModelChoiceField(label=_("Practice"), queryset=PracticePage.objects.none())

    def __init__(self, *args: Any, practices: Any, call: CallForPractices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["practice"].queryset = practices

    def clean(self) -> dict:
        data = super().clean()
        if not self.call.is_open(timezone.localdate()):
            raise forms.ValidationError(_("This call has closed."))
        return data


class AdaptPracticeForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Create the adaptation under"), queryset=None, empty_label=None
    )

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
