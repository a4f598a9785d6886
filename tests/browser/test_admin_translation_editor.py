"""wagtail-localize's translation editor in the Swedish admin, in a real browser: its title in
Swedish, and a practice's tags offered for translation like its other texts."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse
from wagtail_localize.models import Translation, TranslationSource

from tests import factories
from tests.browser_support import launched_chromium

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread

PASSWORD = "ett-langt-testlosenord"  # noqa: S105

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_translation_editor_speaks_swedish_and_translates_tags(
    live_server, site_tree, locales, django_user_model
):
    practice = factories.PracticePageFactory(parent=site_tree["municipality_sv"], slug="mentorer")
    practice.tags.set(["arbetsgivare", "hälsoprofil"])
    practice.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(practice)
    Translation.objects.create(source=source, target_locale=locales["en"]).save_target()
    english = practice.get_translation(locales["en"])
    django_user_model.objects.create_superuser("projektledare", "p@region.example", PASSWORD)

    with launched_chromium("Translation editor browser test") as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
        context.set_default_timeout(20_000)
        page = context.new_page()
        page.goto(live_server.url + reverse("wagtailadmin_login"))
        page.fill("input[name=username]", "projektledare")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(live_server.url + reverse("wagtailadmin_home"))

        page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[english.pk]))
        editor = page.locator(".js-translation-editor")
        editor.get_by_text("Översättning från Svenska till English").first.wait_for()
        text = editor.inner_text()
        assert "to English translation" not in text
        # Each tag is a string to translate, like the title.
        assert "arbetsgivare" in text and "hälsoprofil" in text
        context.close()
