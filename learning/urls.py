"""Public URLs, included inside ``i18n_patterns`` (before Wagtail's catch-all).

The paths are translated: /sv/siffror/ and /en/in-numbers/, and so on.
"""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from . import views

app_name = "learning"

# Translators: URL path segments; lower case ASCII, ending with a slash.
IN_NUMBERS = pgettext_lazy("URL", "in-numbers/")
LIKE_MINE = pgettext_lazy("URL", "municipalities-like-mine/")
CONTACT = pgettext_lazy("URL", "contact-the-owner/")

urlpatterns = [
    path(IN_NUMBERS, views.statistics_page, name="statistics"),
    path(format_lazy("{}csv/", IN_NUMBERS), views.statistics_csv, name="statistics_csv"),
    path(LIKE_MINE, views.like_mine, name="like_mine"),
    path(format_lazy("{}<int:page_id>/", CONTACT), views.contact_owner, name="contact"),
]
