"""Wagtail's, wagtail-localize's and django-taggit's own strings that we translate better.

Django looks in LOCALE_PATHS (our catalogue) before the apps' catalogues, so a msgid listed
here and translated in platform_site/locale/sv/LC_MESSAGES/django.po replaces the upstream
Swedish (or adds the missing one). Listing them in code keeps ``makemessages --no-obsolete``
from dropping them. tests/platform_site/test_upstream_strings.py fails when an upgrade stops
using one of these msgids, so a stale override cannot hide a new upstream text.
"""

from django.utils.translation import gettext_noop

UPSTREAM_MSGIDS = {
    # Workflow history header: the person who *submitted* the page for review, which
    # "Begärdes av" (requested by) made read like the person who requested changes.
    "wagtail.admin": [
        gettext_noop("Requested by <b>%(modified_by)s</b>"),
        gettext_noop("Requested by"),
    ],
}
