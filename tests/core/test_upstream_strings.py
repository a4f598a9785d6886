"""Wagtail's, wagtail-localize's and taggit's strings that our catalogue translates better
(core/upstream_strings.py), and the Swedish admin free of the English ones we saw."""

import importlib
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from core.upstream_strings import UPSTREAM_MSGIDS, UPSTREAM_PLURALS
from municipalities.models import MunicipalityAccess
from tests import factories

OUR_LOCALE = Path(settings.LOCALE_PATHS[0])

# English Wagtail strings an editor met in the Swedish admin; none may show again.
KNOWN_ENGLISH = [
    "A comma-separated list of tags.",
    "- Select an option -",
    "Exploring",
    "is referenced",
    "Requested by",
    "Needs your changes",
    "New practice",
    "My drafts",
]
PAGINATION_IN_ENGLISH = re.compile(r"\d+-\d+ of \d+")


def _upstream_msgids(package: str, domain: str = "django") -> set[str]:
    """Every msgid in any of the package's catalogues (the English one may be missing)."""
    locale_dir = Path(importlib.import_module(package).__file__).parent / "locale"
    english = locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po"
    po = english if english.exists() else next(locale_dir.glob(f"*/LC_MESSAGES/{domain}.po"))
    return {entry.msgid for entry in polib.pofile(str(po))}


def test_guard_every_overridden_msgid_is_still_used_upstream():
    for package, msgids in UPSTREAM_MSGIDS.items():
        assert set(msgids) <= _upstream_msgids(package), package
    for package, plurals in UPSTREAM_PLURALS.items():
        assert {singular for singular, _plural in plurals} <= _upstream_msgids(package)
    assert "Publish in " in _upstream_msgids("wagtail_localize", "djangojs")


def test_our_catalogue_comes_first_and_wins():
    assert OUR_LOCALE == Path(settings.BASE_DIR) / "platform_site" / "locale"
    with translation.override("sv"):
        assert translation.gettext("Requested by") == "Skickad för granskning av"
        assert translation.gettext("A comma-separated list of tags.") == (
            "Skriv taggarna åtskilda med kommatecken."
        )


@pytest.mark.django_db
def test_the_swedish_admin_shows_none_of_the_known_english_strings(client, site_tree):
    municipality = site_tree["municipality_sv"]
    access = MunicipalityAccess.objects.get(translation_key=municipality.translation_key)
    editor = get_user_model().objects.create_user("editor", "editor@kommun.example", "x")
    editor.groups.add(access.editors)
    practice = factories.PracticePageFactory(parent=municipality, owner=editor)
    client.force_login(editor)
    urls = {
        "add form": reverse(
            "wagtailadmin_pages:add", args=("practices", "practicepage", municipality.pk)
        ),
        "edit form": reverse("wagtailadmin_pages:edit", args=(practice.pk,)),
        "explorer": reverse("wagtailadmin_explore", args=(municipality.pk,)),
        "dashboard": reverse("wagtailadmin_home"),
        "usage": reverse("wagtailadmin_pages:usage", args=(practice.pk,)),
    }
    for name, url in urls.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
        assert response.status_code == 200, name
        html = response.content.decode()
        assert 'lang="sv"' in html, name
        found = [text for text in KNOWN_ENGLISH if text in html]
        assert found == [], f"{name}: {found}"
        assert not PAGINATION_IN_ENGLISH.search(html), name
    # The translation editor's script strings come from wagtail-localize's catalogue view.
    catalog = client.get(reverse("wagtail_localize:javascript_catalog")).content.decode()
    assert '"Publish in ": "Publicera \\u2013 "' in catalog or '"Publish in ": "Publicera – "' in (
        catalog
    )


def test_guard_the_translation_editor_title_is_still_built_in_code():
    """core/static/platform_site/admin/translation_editor_title.js replaces this title, which
    wagtail-localize's editor builds outside its catalogue. Once an upgrade changes it (or makes
    it translatable), look again: the script may no longer be needed, or need the new form."""
    import wagtail_localize

    bundle = (
        Path(wagtail_localize.__file__).parent / "static/wagtail_localize/js/wagtail-localize.js"
    )
    code = bundle.read_text(encoding="utf-8")
    assert "sourceLocale.displayName} to ${" in code
    assert ".displayName} translation`" in code
