"""Wagtail's, wagtail-localize's and django-taggit's own strings that we translate better.

Django looks in LOCALE_PATHS (our catalogue) before the apps' catalogues, so a msgid listed
here and translated in platform_site/locale/sv/LC_MESSAGES/django.po replaces the upstream
Swedish (or adds the missing one). Listing them in code keeps ``makemessages --no-obsolete``
from dropping them. tests/core/test_upstream_strings.py fails when an upgrade stops
using one of these msgids, so a stale override cannot hide a new upstream text.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

UPSTREAM_MSGIDS = {
    # Workflow history header: the person who *submitted* the page for review, which
    # "Begärdes av" (requested by) made read like the person who requested changes.
    "wagtail.admin": [
        gettext_noop("Requested by <b>%(modified_by)s</b>"),
        gettext_noop("Requested by"),
        # The explorer's title ("Exploring: Hylte kommun") and its count ("1-1 of 1 sida").
        gettext_noop("Exploring"),
        gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    ],
    # The empty choice of a choice block in a StreamField.
    "wagtail": [gettext_noop("- Select an option -")],
    # The help text of every tag field (no Swedish in django-taggit).
    "taggit": [gettext_noop("A comma-separated list of tags.")],
}
# A plural: both forms, as Wagtail's catalogue has them.
UPSTREAM_PLURALS = {
    "wagtail.admin": [
        (
            "This %(model_name)s is referenced %(usage_count)s time.",
            "This %(model_name)s is referenced %(usage_count)s times.",
        )
    ]
}


def _plural_msgids_for_makemessages() -> None:  # pragma: no cover - never called
    # makemessages finds plurals only in ngettext calls; the lazy object is never evaluated.
    ngettext_lazy(
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
        "usage_count",
    )
