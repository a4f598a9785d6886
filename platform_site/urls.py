from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import sitemaps
from core.health import health
from core.media import media_urlpatterns
from learning import urls as learning_urls
from opendata import feeds
from outreach import urls as outreach_urls
from practices import export as open_data
from practices.admin_editor import explore_root
from search import urls as search_urls
from validation import urls as validation_urls

urlpatterns = [
    # Before Wagtail's admin: a municipality editor's explorer opens at their municipality.
    path("admin/pages/", explore_root, name="explore_root_for_editor"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", health, name="health"),
    path("", include("opendata.api.urls")),
    path("", include(sitemaps.urlpatterns)),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
# Uploads served by Django (development, and production without a web server for /media/),
# never Django's plain static() view: it would serve private document files to anyone.
urlpatterns += media_urlpatterns()

urlpatterns += i18n_patterns(
    path("", include(search_urls)),
    path("", include(feeds)),
    path("", include(open_data)),
    path("", include(learning_urls)),
    path("", include(outreach_urls)),
    path("", include(validation_urls)),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "core.views.page_not_found"
# A lost database connection becomes a 503 "try again" page; other errors the usual 500.
handler500 = "core.faults.server_error"
