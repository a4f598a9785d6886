"""The review workflow ("Granskning") as editors and project managers live it, plus locks."""

from typing import Any

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from tests.municipalities.roles_world import World, act, page, submit

pytestmark = pytest.mark.django_db


def test_submit_reject_with_comment_resubmit_approve(
    world: World, client: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list
) -> None:
    editor, pm = world.users["editor_a"], world.users["pm"]
    draft = world.sides["A"].draft

    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client, draft).status_code == 302
    assert page(draft).workflow_in_progress
    # The project managers are told there is something to review.
    assert [m.to for m in mailoutbox] == [[pm.email]]
    # While in review the page is locked for its editors, and they see that it is waiting.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[draft]))
    assert "Granskning av projektledare" in response.content.decode()

    mailoutbox.clear()
    client.force_login(pm)
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, draft, "reject", "Lägg till resultaten, tack.").status_code == 302
    assert not page(draft).live
    assert [m.to for m in mailoutbox] == [[editor.email]]

    # The editor sees the status and the project manager's comment in the admin.
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[draft]))
    content = response.content.decode()
    assert "Förändringar har begärts av pm" in content  # "Changes requested by pm"
    assert "Lägg till resultaten, tack." in content
    workflow_state = WorkflowState.objects.filter(object_id=str(draft)).latest("created_at")
    detail = client.get(
        reverse("wagtailadmin_pages:workflow_history_detail", args=[draft, workflow_state.pk])
    )
    assert "Lägg till resultaten, tack." in detail.content.decode()

    # Resubmitted, then approved: the approval publishes and the editor is told.
    assert submit(client, draft).status_code == 302
    mailoutbox.clear()
    client.force_login(pm)
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, draft, "approve").status_code == 302
    assert page(draft).live
    assert [m.to for m in mailoutbox] == [[editor.email]]


def test_editors_cannot_approve_their_own_submission(world: World, client: Any) -> None:
    review = world.sides["A"].review
    for role in ("editor_a", "publisher_a"):
        client.force_login(world.users[role])
        response = act(client, review, "approve")
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")  # permission denied
        assert not page(review).live


def test_editors_lock_and_unlock_their_own_locks_only(world: World, client: Any) -> None:
    practice = world.sides["A"].practice
    lock_url = reverse("wagtailadmin_pages:lock", args=[practice])
    unlock_url = reverse("wagtailadmin_pages:unlock", args=[practice])

    client.force_login(world.users["editor_a"])
    client.post(lock_url)
    assert page(practice).locked_by == world.users["editor_a"]

    # A colleague in the same municipality cannot lift someone else's lock...
    client.force_login(world.users["publisher_a"])
    client.post(unlock_url)
    assert page(practice).locked

    # ...the one who locked it can, and so can a project manager.
    client.force_login(world.users["editor_a"])
    client.post(unlock_url)
    assert not page(practice).locked

    client.post(lock_url)
    client.force_login(world.users["pm"])
    client.post(unlock_url)
    assert not page(practice).locked
