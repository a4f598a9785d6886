"""Calls for practices: shown while open, closed by the date alone, submissions on the theme."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from learning.models import CallForPractices, CallSubmission
from tests import factories
from tests.learning.learning_helpers import municipality_editor, publish, second_municipality


@pytest.fixture
def theme(site_tree):
    return factories.ThemePageFactory(parent=site_tree["theme_index_sv"], title="Mötesplatser")


def make_call(theme, deadline, title="Upprop om mötesplatser", **fields):
    return CallForPractices.objects.create(
        title=title,
        description="Berätta om era mötesplatser.",
        theme=theme,
        opens_on=fields.pop("opens_on", timezone.localdate() - timedelta(days=10)),
        deadline=deadline,
        locale=theme.locale,
        **fields,
    )


@pytest.mark.django_db
def test_a_call_closes_by_itself_after_the_deadline(theme):
    call = make_call(theme, deadline=timezone.localdate())
    assert call.is_open(timezone.localdate())
    assert not call.is_open(timezone.localdate() + timedelta(days=1))
    assert not call.is_open(call.opens_on - timedelta(days=1))
    assert list(CallForPractices.objects.open_on(timezone.localdate())) == [call]
    assert list(CallForPractices.objects.open_on(timezone.localdate() + timedelta(days=1))) == []


@pytest.mark.django_db
def test_deadline_before_opening_is_refused(theme):
    call = CallForPractices(
        title="Fel",
        description="x",
        theme=theme,
        opens_on=timezone.localdate(),
        deadline=timezone.localdate() - timedelta(1),
    )
    call.locale = theme.locale
    with pytest.raises(ValidationError):
        call.full_clean()


@pytest.mark.django_db
def test_home_page_shows_open_calls_only(client, theme):
    make_call(theme, deadline=timezone.localdate(), title="Öppet upprop")
    make_call(theme, deadline=timezone.localdate() - timedelta(days=1), title="Stängt upprop")
    make_call(
        theme,
        deadline=timezone.localdate() + timedelta(days=30),
        title="Kommande",
        opens_on=timezone.localdate() + timedelta(1),
    )
    html = client.get("/sv/").content.decode()
    assert 'id="open-calls-heading"' in html
    assert "Öppet upprop" in html
    assert "Stängt upprop" not in html
    assert "Kommande" not in html


@pytest.mark.django_db
def test_english_home_shows_the_translation_or_falls_back(client, theme, locales):
    call = make_call(
        theme, deadline=timezone.localdate() + timedelta(days=5), title="Svenskt upprop"
    )
    assert "Svenskt upprop" in client.get("/en/").content.decode()
    english = call.copy_for_translation(locales["en"])
    english.title = "English call"
    english.save()
    html = client.get("/en/").content.decode()
    assert "English call" in html and "Svenskt upprop" not in html


@pytest.fixture
def editors(site_tree):
    hylte = site_tree["municipality_sv"]
    falkenberg = second_municipality(site_tree)
    return {
        "hylte": hylte,
        "falkenberg": falkenberg,
        "hylte_editor": municipality_editor(hylte, "hylte-red"),
        "falkenberg_practice": publish(
            factories.PracticePageFactory(parent=falkenberg, title="Falkenbergs mötesplats")
        ),
    }


@pytest.mark.django_db
def test_open_calls_on_every_municipality_editors_dashboard(client, theme, editors):
    make_call(theme, deadline=timezone.localdate() + timedelta(days=5), title="Upprop till alla")
    client.force_login(editors["hylte_editor"])
    html = client.get("/admin/").content.decode()
    assert 'id="learning-open-calls' in html and "Upprop till alla" in html


@pytest.mark.django_db
def test_editor_submits_own_practice_and_it_appears_on_the_theme_when_published(
    client, theme, editors
):
    call = make_call(theme, deadline=timezone.localdate() + timedelta(days=5))
    own_draft = factories.PracticePageFactory(
        parent=editors["hylte"], title="Hyltes mötesplats", live=False
    )
    client.force_login(editors["hylte_editor"])
    url = f"/admin/learning/calls/{call.pk}/submit/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Hyltes mötesplats" in page.content.decode()
    assert "Falkenbergs mötesplats" not in page.content.decode()  # not theirs to submit

    # Another municipality's practice is refused.
    response = client.post(url, {"practice": editors["falkenberg_practice"].pk})
    assert response.status_code == 400
    assert client.post(url, {"practice": own_draft.pk}).status_code == 302
    assert CallSubmission.objects.filter(call=call, practice=own_draft).exists()

    client.logout()
    assert "Hyltes mötesplats" not in client.get(theme.url).content.decode()  # still a draft
    publish(own_draft)
    html = client.get(theme.url).content.decode()
    assert "Hyltes mötesplats" in html
    assert f'id="call-{call.pk}-heading"' in html


@pytest.mark.django_db
def test_closed_call_takes_no_submissions(client, theme, editors):
    call = make_call(theme, deadline=timezone.localdate() - timedelta(days=1))
    own = factories.PracticePageFactory(parent=editors["hylte"], title="För sent")
    client.force_login(editors["hylte_editor"])
    response = client.post(f"/admin/learning/calls/{call.pk}/submit/", {"practice": own.pk})
    assert response.status_code == 400
    assert not CallSubmission.objects.exists()


@pytest.mark.django_db
def test_theme_page_lists_submissions_from_a_closed_call(client, theme, editors):
    call = make_call(theme, deadline=timezone.localdate() - timedelta(days=3))
    CallSubmission.objects.create(call=call, practice=editors["falkenberg_practice"])
    html = client.get(theme.url).content.decode()
    assert "Falkenbergs mötesplats" in html
    assert call.deadline.strftime("%Y") in html
