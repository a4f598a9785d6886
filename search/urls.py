from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "search"

urlpatterns = [
    path(_("search/"), views.search, name="search"),
    # A path of its own (not …/search/suggest/) so the Swedish .po can translate it freely.
    path(_("search-suggestions/"), views.autocomplete, name="autocomplete"),
]
