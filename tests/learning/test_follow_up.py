"""Follow-up: stale practices and contacts flagged to the owner, reminders, confirming."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from learning.follow_up import stale_practices_for
from learning.models import FollowUpReminder
from practices.models import PracticePage, PracticeStatus
from tests import factories
from tests.learning.learning_helpers import (
    municipality_editor,
    project_manager,
    publish,
    second_municipality,
)

# Dates are read at each use, not at import: a run past midnight must not compare two days.
LONG_AGO = timezone.localdate() - timedelta(days=400)


@pytest.fixture
def setup(site_tree):
    hylte = site_tree["municipality_sv"]
    falkenberg = second_municipality(site_tree)
    stale = publish(
        factories.PracticePageFactory(parent=hylte, title="Gammalt exempel", last_verified=LONG_AGO)
    )
    fresh = publish(factories.PracticePageFactory(parent=hylte, title="Nytt exempel"))
    other_stale = publish(
        factories.PracticePageFactory(
            parent=falkenberg, title="Falkenbergs gamla", last_verified=LONG_AGO
        )
    )
    old_contact = factories.ContactPersonFactory(
        name="Gammal Kontakt",
        municipality=hylte,
        review_date=timezone.localdate() - timedelta(days=1),
    )
    return {
        "hylte": hylte,
        "falkenberg": falkenberg,
        "stale": stale,
        "fresh": fresh,
        "other_stale": other_stale,
        "old_contact": old_contact,
        "hylte_editor": municipality_editor(hylte, "hylte-red"),
        "hylte_editor_2": municipality_editor(hylte, "hylte-red2"),
        "hylte_publisher": municipality_editor(hylte, "hylte-pub", publish=True),
        "falkenberg_editor": municipality_editor(falkenberg, "falk-red"),
        "pm": project_manager(Page.get_first_root_node()),
    }


def run_reminders(day=None) -> str:
    from io import StringIO

    out = StringIO()
    args = ["--today", day.isoformat()] if day else []
    call_command("send_followup_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_public_page_shows_last_verified_and_flags_old_information(client, setup):
    html = client.get(setup["stale"].url).content.decode()
    assert f'datetime="{LONG_AGO.isoformat()}"' in html
    assert 'class="warning"' in html


@pytest.mark.django_db
def test_dashboard_shows_own_stale_practices_and_contacts_only(client, setup):
    client.force_login(setup["hylte_editor"])
    html = client.get("/admin/").content.decode()
    assert 'id="learning-follow-up' in html
    assert "Gammalt exempel" in html
    assert "Gammal Kontakt" in html
    assert "Nytt exempel" not in html
    assert "Falkenbergs gamla" not in html

    client.force_login(setup["falkenberg_editor"])
    html = client.get("/admin/").content.decode()
    assert "Falkenbergs gamla" in html
    assert "Gammalt exempel" not in html
    assert "Gammal Kontakt" not in html

    # A project manager (permissions on the root) sees all stale practices.
    assert {p.title for p in stale_practices_for(setup["pm"])} == {
        "Gammalt exempel",
        "Falkenbergs gamla",
    }


@pytest.mark.django_db
def test_reminders_go_to_the_right_municipality_once_per_period(setup):
    output = run_reminders()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(
        [
            "hylte-red@kommun.example",
            "hylte-red2@kommun.example",
            "hylte-pub@kommun.example",
            "falk-red@kommun.example",
        ]
    )
    assert "pm@region.example" not in recipients
    hylte_mail = next(m for m in mail.outbox if m.to == ["hylte-red@kommun.example"])
    assert "Gammalt exempel" in hylte_mail.body
    assert "Gammal Kontakt" in hylte_mail.body
    assert "Falkenbergs gamla" not in hylte_mail.body
    assert "Nytt exempel" not in hylte_mail.body
    assert f"/admin/learning/follow-up/{setup['stale'].pk}/" in hylte_mail.body
    falkenberg_mail = next(m for m in mail.outbox if m.to == ["falk-red@kommun.example"])
    assert "Gammalt exempel" not in falkenberg_mail.body
    assert "Gammal Kontakt" not in falkenberg_mail.body
    assert "4 reminder e-mails" in output or "Sent 4" in output

    # The daily run the same day, and for the next 89 days: nothing new.
    mail.outbox.clear()
    run_reminders()
    run_reminders(timezone.localdate() + timedelta(days=89))
    assert mail.outbox == []
    # Still not done after 90 days: reminded again.
    run_reminders(timezone.localdate() + timedelta(days=90))
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_verifying_ends_the_period_and_a_new_one_starts_a_year_later(setup):
    run_reminders()
    mail.outbox.clear()
    PracticePage.objects.filter(pk=setup["stale"].pk).update(last_verified=timezone.localdate())
    PracticePage.objects.filter(pk=setup["other_stale"].pk).update(
        last_verified=timezone.localdate()
    )
    setup["old_contact"].review_date = timezone.localdate() + timedelta(days=500)
    setup["old_contact"].save()
    run_reminders(timezone.localdate() + timedelta(days=120))
    assert mail.outbox == []
    run_reminders(timezone.localdate() + timedelta(days=366))
    assert {m.to[0] for m in mail.outbox} >= {"hylte-red@kommun.example"}
    assert FollowUpReminder.objects.filter(practice=setup["stale"]).count() == 2


@pytest.mark.django_db
def test_dry_run_sends_and_records_nothing(setup):
    out = __import__("io").StringIO()
    call_command("send_followup_reminders", "--dry-run", stdout=out)
    assert mail.outbox == []
    assert not FollowUpReminder.objects.exists()
    assert "Hylte" in out.getvalue()


@pytest.mark.django_db
def test_editor_confirms_still_accurate_and_it_is_published(client, setup):
    page = setup["stale"]
    client.force_login(setup["hylte_editor"])
    url = f"/admin/learning/follow-up/{page.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "confirm"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.last_verified == timezone.localdate()
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision.content["last_verified"] == timezone.localdate().isoformat()
    assert page not in stale_practices_for(setup["hylte_editor"])


@pytest.mark.django_db
def test_confirming_keeps_a_pending_draft_unpublished(client, setup):
    page = setup["stale"]
    draft = page.get_latest_revision_as_object()
    draft.title = "Utkast som väntar på granskning"
    draft.save_revision()
    client.force_login(setup["hylte_editor"])
    client.post(f"/admin/learning/follow-up/{page.pk}/", {"action": "confirm"})
    page.refresh_from_db()
    assert page.title == "Gammalt exempel"  # the draft did not go live
    assert page.last_verified == timezone.localdate()  # but the date did
    assert page.has_unpublished_changes
    latest = page.get_latest_revision_as_object()
    assert latest.title == "Utkast som väntar på granskning"
    assert (
        latest.last_verified == timezone.localdate()
    )  # and will not be lost when the draft is published


@pytest.mark.django_db
def test_status_change_by_editor_is_a_draft_and_by_publisher_is_published(client, setup):
    page = setup["stale"]
    client.force_login(setup["hylte_editor"])
    client.post(f"/admin/learning/follow-up/{page.pk}/", {"action": "regular"})
    page.refresh_from_db()
    assert page.status == PracticeStatus.ONGOING  # live unchanged: review first
    assert page.get_latest_revision_as_object().status == PracticeStatus.REGULAR
    assert page.last_verified == timezone.localdate()

    other = setup["fresh"]
    client.force_login(setup["hylte_publisher"])
    client.post(f"/admin/learning/follow-up/{other.pk}/", {"action": "ended"})
    other.refresh_from_db()
    assert other.status == PracticeStatus.ENDED
    assert other.end_date == timezone.localdate()
    assert not other.has_unpublished_changes


@pytest.mark.django_db
def test_follow_up_refused_outside_own_municipality_and_for_bad_input(client, setup):
    client.force_login(setup["falkenberg_editor"])
    url = f"/admin/learning/follow-up/{setup['stale'].pk}/"
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"action": "confirm"}).status_code in (302, 403)
    setup["stale"].refresh_from_db()
    assert setup["stale"].last_verified == LONG_AGO
    client.force_login(setup["hylte_editor"])
    assert client.post(url, {"action": "delete-everything"}).status_code == 400
    # Not found (the project's locale middleware may redirect an admin 404 to /sv/admin/…).
    assert client.get("/admin/learning/follow-up/999999/").status_code in (404, 302)
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
