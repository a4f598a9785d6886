"""The practice index filters: a plain GET form, so every filtered list can be bookmarked."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from municipalities.counties import COUNTY_CHOICES
from municipalities.models import MunicipalityPage
from platform_site.cache import cached_fragment

from .models import Approach, PracticeStatus, TargetGroup


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Drop unknown values instead of failing, so an old or edited URL still shows results."""

    def clean(self, value):
        valid = {str(k) for k, _label in self.choices}
        value = [v for v in (value or []) if str(v) in valid]
        return super().clean(value)


#: Filters that a feature app adds in its ``ready()`` (this layer cannot import it): a
#: function of the filter name giving a field and a condition on the chosen values, or None.
_extra_filters: list = []


def register_extra_filter(provider) -> None:
    """Register ``provider(name) -> (field, condition) | None`` and ``provider.names``."""
    if provider not in _extra_filters:
        _extra_filters.append(provider)


def _extra(name: str):
    for provider in _extra_filters:
        found = provider(name)
        if found is not None:
            return found
    return None


class PracticeFilterForm(forms.Form):
    target_group = LenientMultipleChoiceField(
        label=_("Target group"), required=False, widget=forms.CheckboxSelectMultiple
    )
    approach = LenientMultipleChoiceField(
        label=_("Approach"), required=False, widget=forms.CheckboxSelectMultiple
    )
    municipality = LenientMultipleChoiceField(
        label=_("Municipality"), required=False, widget=forms.CheckboxSelectMultiple
    )
    county = LenientMultipleChoiceField(
        label=_("County"), required=False, widget=forms.CheckboxSelectMultiple
    )
    status = LenientMultipleChoiceField(
        label=_("Status"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=PracticeStatus.choices,
    )

    def __init__(self, data=None, *, locale: Locale, **kwargs):
        super().__init__(data, **kwargs)
        self.locale = locale
        target_groups, approaches, municipalities = cached_fragment(
            f"practice-filter-options:{locale.pk}", lambda: _options(locale)
        )
        self.fields["target_group"].choices = target_groups
        self.fields["approach"].choices = approaches
        self.fields["municipality"].choices = [(code, title) for code, title, _c in municipalities]
        used_counties = {county for _code, _title, county in municipalities}
        self.fields["county"].choices = [
            (code, label) for code, label in COUNTY_CHOICES if code in used_counties
        ]
        for provider in _extra_filters:
            for name in provider.names:
                field, _condition = provider(name)
                self.fields[name] = field

    def selected(self) -> dict[str, list[str]]:
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: values for name, values in self.cleaned_data.items() if values}

    def filter(self, queryset: QuerySet) -> QuerySet:
        """Values within one filter are alternatives (OR); different filters combine (AND)."""
        selected = self.selected()
        conditions = {
            "target_group": lambda v: Q(target_groups__slug__in=v),
            "approach": lambda v: Q(approaches__slug__in=v),
            "municipality": lambda v: (
                Q(municipality__code__in=v) | Q(participating_municipalities__code__in=v)
            ),
            "county": lambda v: Q(municipality__county__in=v),
            "status": lambda v: Q(status__in=v),
        }
        for name, values in selected.items():
            condition = conditions.get(name)
            if condition is None:
                condition = _extra(name)[1]
            queryset = queryset.filter(
                pk__in=queryset.model.objects.filter(condition(values)).values("pk")
            )
        return queryset.order_by("-first_published_at", "-pk")


def _options(locale: Locale) -> tuple[list, list, list]:
    """The filters' choices in one language (cached: they change only when content does)."""
    return (
        list(TargetGroup.objects.filter(locale=locale).values_list("slug", "name")),
        list(Approach.objects.filter(locale=locale).values_list("slug", "name")),
        list(
            MunicipalityPage.objects.live()
            .filter(locale=locale)
            .order_by("title")
            .values_list("code", "title", "county")
        ),
    )
