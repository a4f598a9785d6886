"""The public page of the expert group's criteria, inside ``i18n_patterns``."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "validation"

urlpatterns = [
    # Translators: URL path segment; lower case ASCII, ending with a slash.
    path(pgettext_lazy("URL", "expert-validation/"), views.criteria_page, name="criteria"),
]
