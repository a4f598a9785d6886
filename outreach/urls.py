"""Public subscription URLs, inside ``i18n_patterns``: /sv/bevaka/…, /en/follow/…."""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from . import views

app_name = "outreach"

# Translators: URL path segment; lower case ASCII, ending with a slash.
FOLLOW = pgettext_lazy("URL", "follow/")
SUGGEST = pgettext_lazy("URL", "suggest-a-practice/")

urlpatterns = [
    path(SUGGEST, views.suggest, name="suggest"),
    path(
        format_lazy("{}{}", SUGGEST, pgettext_lazy("URL", "sent/")),
        views.suggest_sent,
        name="suggest_sent",
    ),
    path(FOLLOW, views.follow, name="follow"),
    path(format_lazy("{}{}", FOLLOW, pgettext_lazy("URL", "sent/")), views.sent, name="sent"),
    path(
        format_lazy("{}{}<str:token>/", FOLLOW, pgettext_lazy("URL", "confirm/")),
        views.confirm,
        name="confirm",
    ),
    path(
        format_lazy("{}{}<str:token>/", FOLLOW, pgettext_lazy("URL", "cancel/")),
        views.cancel,
        name="cancel",
    ),
    path(
        format_lazy("{}{}<str:token>/", FOLLOW, pgettext_lazy("URL", "manage/")),
        views.manage,
        name="manage",
    ),
]
