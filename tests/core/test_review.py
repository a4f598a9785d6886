"""The reviewer's request where the editor looks (core/review.py, wagtail_hooks.py)
and the review e-mails in Swedish: what happened, who did it, a link to the right page."""

import re
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import WorkflowState

from tests.municipalities.roles_world import World, act, page, submit

pytestmark = pytest.mark.django_db

COMMENT = "Lägg till resultat från uppföljningen."


def _name(user: Any) -> str:
    return user.get_full_name() or user.get_username()


@pytest.fixture
def named(world: World) -> World:
    for username, (first, last) in {
        "editor_a": ("Per", "Gustafsson"),
        "pm": ("Maria", "Berg"),
    }.items():
        user = world.users[username]
        user.first_name, user.last_name = first, last
        user.save()
    return world


@override_settings(WAGTAILADMIN_BASE_URL="https://larplattformen.example")
def test_review_round_trip_tells_each_person_what_happened(
    named: World, client: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list
) -> None:
    editor, pm = named.users["editor_a"], named.users["pm"]
    draft = named.sides["A"].draft
    title = page(draft).title
    edit_url = "https://larplattformen.example" + reverse("wagtailadmin_pages:edit", args=[draft])

    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, draft)
    (submitted,) = [m for m in mailoutbox if m.to == [pm.email]]
    assert submitted.subject == f"Att granska: ”{title}”"
    assert f"Per Gustafsson har skickat ”{title}” för granskning." in submitted.body
    assert f"Godkänn eller begär ändringar här: {edit_url}" in submitted.body
    assert "Hej Maria," in submitted.body

    mailoutbox.clear()
    client.force_login(pm)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, draft, "reject", COMMENT)
    (rejected,) = mailoutbox
    assert rejected.to == [editor.email]
    assert rejected.subject == f"Ändringar begärda: ”{title}”"
    assert f"Maria Berg har begärt ändringar i ”{title}”." in rejected.body
    assert f"Begäran: {COMMENT}" in rejected.body
    assert edit_url in rejected.body

    # The editor sees the request at the top of the edit screen and on the dashboard.
    client.force_login(editor)
    with translation.override("sv"):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[draft]))
    banner = re.search(r"<span data-review-request>(.*?)</span>", response.content.decode())
    assert banner is not None
    assert banner.group(1).startswith("Ändringar begärda av Maria Berg, ")
    assert banner.group(1).endswith(f": {COMMENT}")
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Behöver dina ändringar" in dashboard
    assert COMMENT in dashboard
    assert reverse("wagtailadmin_pages:edit", args=[draft]) in dashboard

    # The workflow history names the submitter as such, not as if they had asked for changes.
    state = WorkflowState.objects.for_instance(page(draft)).get()
    history = client.get(
        reverse("wagtailadmin_pages:workflow_history_detail", args=[draft, state.pk])
    ).content.decode()
    assert "Skickades för granskning av <b>Per Gustafsson</b>" in history

    # Resubmitted, approved: the request is gone and the editor hears it is published.
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, draft)
    assert (
        "data-review-request"
        not in client.get(reverse("wagtailadmin_pages:edit", args=[draft])).content.decode()
    )
    mailoutbox.clear()
    client.force_login(pm)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, draft, "approve")
    assert page(draft).live
    (approved,) = [m for m in mailoutbox if m.to == [editor.email]]
    assert approved.subject == f"Publicerad: ”{title}”"
    assert f"Maria Berg har godkänt och publicerat ”{title}”." in approved.body
    assert f"Den finns här: {page(draft).full_url}" in approved.body
    client.force_login(editor)
    assert "Behöver dina ändringar" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_another_municipalitys_request_is_not_on_the_dashboard(
    named: World, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(named.users["editor_a"])
    draft = named.sides["A"].draft
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, draft)
    client.force_login(named.users["pm"])
    with django_capture_on_commit_callbacks(execute=True):
        act(client, draft, "reject", COMMENT)
    client.force_login(named.users["editor_b"])
    assert COMMENT not in client.get(reverse("wagtailadmin_home")).content.decode()
