"""The practice index filters: a plain GET form, so every filtered list can be bookmarked."""

from urllib.parse import urlencode

from django import forms
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.cache import cached_fragment
from municipalities.counties import COUNTY_CHOICES
from municipalities.models import MunicipalityPage

from .models import Approach, EvidenceLevel, PracticePage, PracticeStatus, TargetGroup

SORTS = {
    "newest": ("-first_published_at", "-pk"),
    "verified": ("-last_verified", "-pk"),
    "title": ("title", "pk"),
}
SORT_CHOICES = [
    ("newest", _("Newest first")),
    ("verified", _("Recently verified first")),
    ("title", _("Title A–Ö")),
]
# SKR's main groups: the size and type of the owner municipality.
MUNICIPALITY_TYPE_CHOICES = [
    ("A", _("Large cities and their commuter municipalities")),
    ("B", _("Medium-sized towns and nearby municipalities")),
    ("C", _("Smaller towns and rural municipalities")),
]


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
    evidence = LenientMultipleChoiceField(
        label=_("Evidence level"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=EvidenceLevel.choices,
    )
    municipality_type = LenientMultipleChoiceField(
        label=_("Size and type of municipality"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=MUNICIPALITY_TYPE_CHOICES,
    )
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=SORT_CHOICES)

    # Options with no practice in this language are left out; the others show their count.
    COUNTED = ("target_group", "approach", "municipality", "county", "status", "evidence")

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
        self.counts = cached_fragment(
            f"practice-filter-counts:{locale.pk}", lambda: option_counts(locale)
        )
        self.plain_labels = {
            name: {str(k): str(v) for k, v in field.choices}
            for name, field in self.fields.items()
            if name != "sort"
        }
        for name in self.COUNTED:
            counts = self.counts.get(name, {})
            chosen = set(self.data.getlist(name)) if hasattr(self.data, "getlist") else set()
            self.fields[name].choices = [
                (value, f"{label} ({counts.get(str(value), 0)})")
                for value, label in self.fields[name].choices
                if counts.get(str(value)) or str(value) in chosen
            ]
        if hasattr(self.data, "get") and self.data.get("sort") not in SORTS:
            # An unknown sort is ignored rather than an error: old links keep working.
            self.data = self.data.copy()
            self.data.pop("sort", None)

    def selected(self) -> dict[str, list[str]]:
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            name: values for name, values in self.cleaned_data.items() if values and name != "sort"
        }

    def count_for(self, name: str, value: str) -> int | None:
        return self.counts.get(name, {}).get(str(value))

    def active_filters(self, query) -> list[dict]:
        """Each chosen value with its label and the address of the list without it."""
        active = []
        for name, values in self.selected().items():
            labels = self.plain_labels[name]
            for value in values:
                rest = [
                    (key, v)
                    for key in query
                    if key != "page"
                    for v in query.getlist(key)
                    if not (key == name and v == value)
                ]
                active.append(
                    {
                        "group": self.fields[name].label,
                        "label": labels.get(str(value), value),
                        "url": "?" + urlencode(rest),
                    }
                )
        return active

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
            "evidence": lambda v: Q(evidence_level__in=v),
            "municipality_type": lambda v: _main_group_q(v),
        }
        for name, values in selected.items():
            condition = conditions.get(name)
            if condition is None:
                condition = _extra(name)[1]
            queryset = queryset.filter(
                pk__in=queryset.model.objects.filter(condition(values)).values("pk")
            )
        sort = self.cleaned_data.get("sort") if self.is_bound and self.is_valid() else ""
        return queryset.order_by(*SORTS.get(sort or "newest"))


def _main_group_q(values: list[str]) -> Q:
    condition = Q(pk__in=[])
    for value in values:
        condition |= Q(municipality__municipality_group__startswith=value)
    return condition


def option_counts(locale: Locale) -> dict[str, dict[str, int]]:
    """Live practices in one language per filter value (six grouped queries, cached)."""
    live = PracticePage.objects.live().filter(locale=locale).order_by()

    def grouped(field: str) -> dict[str, int]:
        rows = live.values(field).annotate(n=Count("pk", distinct=True))
        return {str(row[field]): row["n"] for row in rows if row[field] is not None}

    owners = grouped("municipality__code")
    for code, n in grouped("participating_municipalities__code").items():
        owners[code] = owners.get(code, 0) + n
    return {
        "target_group": grouped("target_groups__slug"),
        "approach": grouped("approaches__slug"),
        "municipality": owners,
        "county": grouped("municipality__county"),
        "status": grouped("status"),
        "evidence": grouped("evidence_level"),
    }


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
