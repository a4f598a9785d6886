"""Suggest a practice: a draft for review that is never public before a project manager acts."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.documents import get_document_model

from municipalities.models import MunicipalityAccess
from municipalities.permissions.roles import PROJECT_MANAGERS
from outreach import suggestions
from outreach.forms import _TIMESTAMP_SALT
from outreach.models import PracticeSuggestion, SuggestionStatus
from outreach.views import SUGGEST_RATE_LIMIT
from practices.models import PracticePage
from tests import factories

SENDER = "forening@example.org"
MARKER = "Hemligtförslag"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def people(site_tree):
    municipality = site_tree["municipality_sv"]
    other = factories.MunicipalityPageFactory(
        parent=site_tree["municipality_index_sv"], title="Borås", code="1490", county="14"
    )
    access = MunicipalityAccess.objects.get(translation_key=municipality.translation_key)
    other_access = MunicipalityAccess.objects.get(translation_key=other.translation_key)
    users = get_user_model().objects

    def user(name, group):
        u = users.create_user(username=name, email=f"{name}@kommun.example", password="x")
        u.groups.add(group)
        return u

    return {
        "municipality": municipality,
        "other": other,
        "editor": user("editor", access.editors),
        "other_editor": user("other_editor", other_access.editors),
        "pm": user("pm", Group.objects.get(name=PROJECT_MANAGERS)),
    }


def form_data(municipality=None, **overrides) -> dict:
    data = {
        "name": "Sam Förslagsställare",
        "organisation": "Föreningen Mötas",
        "email": SENDER,
        "municipality": municipality.pk if municipality else "",
        "municipality_name": "",
        "title": f"Läxhjälp på biblioteket {MARKER}",
        "what_was_done": "Volontärer ger läxhjälp två kvällar i veckan på biblioteket.\n\n"
        "Eleverna kommer från språkintroduktionen.",
        "results": "Fler elever klarar språkintroduktionen.",
        "link": "https://example.org/laxhjalp",
        "website": "",
        "rendered": signing.dumps(time.time() - 60, salt=_TIMESTAMP_SALT),
    }
    data.update(overrides)
    return data


def suggest_url(language: str = "sv") -> str:
    with translation.override(language):
        return reverse("outreach:suggest")


@pytest.mark.django_db
class TestPublicForm:
    def test_form_lists_the_municipalities(self, client, people):
        response = client.get(suggest_url())
        assert response.status_code == 200
        body = response.content.decode()
        assert "Hylte" in body and "Borås" in body
        assert 'enctype="multipart/form-data"' in body

    def test_suggestion_becomes_a_draft_that_nobody_outside_sees(self, client, people):
        response = client.post(suggest_url(), form_data(people["municipality"]))
        assert response.status_code == 302
        suggestion = PracticeSuggestion.objects.get()
        draft = suggestion.draft
        assert draft is not None and not draft.live and draft.first_published_at is None
        assert draft.get_parent().pk == people["municipality"].pk
        assert draft.what_was_done.count("<p>") == 2
        assert draft.get_latest_revision() is not None
        # Not public anywhere a reader looks.
        assert client.get(draft.url or f"/sv/{draft.slug}/").status_code == 404
        for path in (people["municipality"].url, "/sv/sok/?q=l%C3%A4xhj%C3%A4lp"):
            assert MARKER not in Client().get(path).content.decode()
        assert not PracticePage.objects.live().filter(pk=draft.pk).exists()

    def test_receipt_and_reviewer_notices(self, client, people):
        client.post(suggest_url(), form_data(people["municipality"]))
        by_recipient = {tuple(m.to): m for m in mail.outbox}
        receipt = by_recipient[(SENDER,)]
        assert receipt.subject == "Vi har tagit emot ditt förslag"
        notice = next(m for m in mail.outbox if m.to != [SENDER])
        assert set(notice.to) == {"editor@kommun.example", "pm@kommun.example"}
        suggestion = PracticeSuggestion.objects.get()
        assert reverse("outreach_suggestion", args=[suggestion.pk]) in notice.body
        assert reverse("wagtailadmin_pages:edit", args=[suggestion.draft_id]) in notice.body

    def test_municipality_not_on_the_platform_waits_in_the_holding_area(self, client, people):
        client.post(suggest_url(), form_data(municipality_name="Ljusdal"))
        suggestion = PracticeSuggestion.objects.get()
        assert suggestion.draft is None and suggestion.municipality_label == "Ljusdal"
        notice = next(m for m in mail.outbox if m.to != [SENDER])
        assert notice.to == ["pm@kommun.example"]

    def test_municipality_is_required_one_way_or_the_other(self, client, people):
        response = client.post(suggest_url(), form_data())
        assert response.status_code == 400
        assert not PracticeSuggestion.objects.exists()

    @pytest.mark.parametrize(
        "overrides",
        [
            {"website": "http://spam.example"},
            {"rendered": "forged"},
            {"rendered": "now"},  # posted at once
        ],
    )
    def test_bots_store_nothing(self, client, people, overrides):
        if overrides.get("rendered") == "now":
            overrides = {"rendered": signing.dumps(time.time(), salt=_TIMESTAMP_SALT)}
        response = client.post(suggest_url(), form_data(people["municipality"], **overrides))
        assert response.status_code == 302  # answered as a person would be
        assert not PracticeSuggestion.objects.exists()
        assert not PracticePage.objects.filter(title__contains=MARKER).exists()
        assert not mail.outbox

    def test_rate_limited(self, client, people):
        for n in range(SUGGEST_RATE_LIMIT):
            data = form_data(people["municipality"], title=f"Förslag nummer {n}")
            assert client.post(suggest_url(), data).status_code == 302
        response = client.post(suggest_url(), form_data(people["municipality"]))
        assert response.status_code == 429
        assert PracticeSuggestion.objects.count() == SUGGEST_RATE_LIMIT

    def test_same_title_twice_gets_a_free_slug(self, client, people):
        client.post(suggest_url(), form_data(people["municipality"]))
        client.post(suggest_url(), form_data(people["municipality"]))
        slugs = [s.draft.slug for s in PracticeSuggestion.objects.order_by("pk")]
        assert len(set(slugs)) == 2

    @pytest.mark.parametrize(
        ("name", "content", "accepted"),
        [
            ("rapport.pdf", b"%PDF-1.7 rapport", True),
            ("rapport.pdf", b"MZ\x90\x00 not a pdf", False),
            ("program.exe", b"MZ\x90\x00", False),
            ("bild.png", b"\x89PNG\r\n\x1a\n....", True),
            ("stor.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), False),
        ],
    )
    def test_uploads_are_checked(self, client, people, name, content, accepted):
        upload = SimpleUploadedFile(name, content)
        data = form_data(people["municipality"], file=upload)
        response = client.post(suggest_url(), data)
        assert (response.status_code == 302) is accepted
        assert PracticeSuggestion.objects.exists() is accepted
        if accepted:
            document = PracticeSuggestion.objects.get().document
            access = MunicipalityAccess.objects.get(
                translation_key=people["municipality"].translation_key
            )
            assert document.collection_id == access.collection_id
            # Private until a live page uses it.
            assert Client().get(document.url).status_code == 404

    def test_file_without_municipality_is_for_project_managers_only(self, client, people):
        upload = SimpleUploadedFile("rapport.pdf", b"%PDF-1.7 rapport")
        client.post(suggest_url(), form_data(municipality_name="Ljusdal", file=upload))
        document = get_document_model().objects.get()
        assert Client().get(document.url).status_code != 200
        pm = Client()
        pm.force_login(people["pm"])
        assert pm.get(document.url).status_code == 200
        editor = Client()
        editor.force_login(people["editor"])
        assert editor.get(document.url).status_code != 200

    def test_english_form_and_receipt(self, client, people):
        response = client.post(suggest_url("en"), form_data(people["municipality"]))
        assert response.status_code == 302
        receipt = next(m for m in mail.outbox if m.to == [SENDER])
        assert receipt.subject == "We have received your suggestion"


@pytest.mark.django_db
class TestReview:
    def _suggest(self, people, **overrides) -> PracticeSuggestion:
        Client().post(suggest_url(), form_data(people["municipality"], **overrides))
        mail.outbox.clear()
        return PracticeSuggestion.objects.latest("pk")

    def test_dashboard_and_list_are_scoped(self, people):
        suggestion = self._suggest(people)
        for user, sees in (
            (people["editor"], True),
            (people["pm"], True),
            (people["other_editor"], False),
        ):
            client = Client()
            client.force_login(user)
            dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
            listing = client.get(reverse("outreach_suggestions"))
            detail = client.get(reverse("outreach_suggestion", args=[suggestion.pk]))
            assert (MARKER in dashboard) is sees, user
            assert (MARKER in listing.content.decode()) is sees, user
            if sees:
                assert detail.status_code == 200, user
            else:
                # Not found (Wagtail's admin may turn it into a redirect); nothing shown.
                assert detail.status_code in (302, 404), user
                assert SENDER not in detail.content.decode()
                assert MARKER not in detail.content.decode()

    def test_only_project_managers_decline_and_the_sender_is_told(self, people):
        suggestion = self._suggest(people)
        draft_pk = suggestion.draft_id
        url = reverse("outreach_suggestion", args=[suggestion.pk])
        editor = Client()
        editor.force_login(people["editor"])
        # Wagtail's admin answers a refused permission with a redirect and a message.
        assert editor.post(url, {"action": "decline"}).status_code in (302, 403)
        suggestion.refresh_from_db()
        assert suggestion.status == SuggestionStatus.PENDING
        assert PracticePage.objects.filter(pk=draft_pk).exists()
        pm = Client()
        pm.force_login(people["pm"])
        response = pm.post(url, {"action": "decline", "note": "Finns redan som exempel."})
        assert response.status_code == 302
        suggestion.refresh_from_db()
        assert suggestion.status == SuggestionStatus.DECLINED
        assert not PracticePage.objects.filter(pk=draft_pk).exists()
        assert mail.outbox[-1].to == [SENDER]
        assert "Finns redan som exempel." in mail.outbox[-1].body

    def test_publishing_the_draft_tells_the_sender(self, people):
        suggestion = self._suggest(people)
        draft = PracticePage.objects.get(pk=suggestion.draft_id)
        draft.save_revision(user=people["pm"]).publish(user=people["pm"])
        suggestion.refresh_from_db()
        assert suggestion.status == SuggestionStatus.PUBLISHED
        message = mail.outbox[-1]
        assert message.to == [SENDER]
        assert draft.get_full_url() in message.body

    def test_personal_data_erased_thirty_days_after_the_decision(self, people):
        decided = self._suggest(people)
        suggestions.decline(decided, "", people["pm"])
        pending = self._suggest(people, title="Ett annat förslag")
        PracticeSuggestion.objects.filter(pk=decided.pk).update(
            decided_at=timezone.now() - timedelta(days=31)
        )
        assert suggestions.erase_personal_data() == 1
        decided.refresh_from_db()
        pending.refresh_from_db()
        assert (decided.name, decided.email, decided.organisation) == ("", "", "")
        assert pending.email == SENDER
