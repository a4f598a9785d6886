"""Expert validation: a second review step for practices that ask, and a badge that lapses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import TaskState, WorkflowState

from municipalities.permissions.roles import PROJECT_MANAGERS, REVIEW_WORKFLOW
from practices.models import PracticePage
from tests import factories
from validation.forms import criteria_choices
from validation.models import EXPERTS, ExpertValidation, ExpertValidationTask, ValidationCriterion

BADGE = "Validerad av expertgruppen"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def people(site_tree):
    users = get_user_model().objects

    def user(name, group_name):
        u = users.create_user(username=name, email=f"{name}@example.org", password="x")
        u.groups.add(Group.objects.get(name=group_name))
        return u

    return {"pm": user("pm", PROJECT_MANAGERS), "expert": user("expert", EXPERTS)}


def submitted(site_tree, pm, requested: bool, **fields) -> PracticePage:
    page = factories.PracticePageFactory(
        parent=site_tree["municipality_sv"],
        live=False,
        expert_validation_requested=requested,
        **fields,
    )
    page.save_revision(user=pm)
    page.get_workflow().start(page, pm)
    return page


def current(page: PracticePage) -> TaskState:
    return WorkflowState.objects.get(
        base_content_type__isnull=False, object_id=str(page.pk), status="in_progress"
    ).current_task_state


def approve_by_pm(page: PracticePage, pm) -> None:
    state = current(page)
    state.task.specific.on_action(state, pm, "approve", comment="")


def validate_over_http(page: PracticePage, expert, criteria=None) -> None:
    state = current(page)
    client = Client()
    client.force_login(expert)
    keys = [key for key, _label in criteria_choices()] if criteria is None else criteria
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk]),
        {"criteria": keys, "comment": "Väl dokumenterat."},
    )
    assert response.status_code == 302


@pytest.mark.django_db
class TestWorkflow:
    def test_expert_step_is_the_last_step_of_the_review(self, site_tree):
        from wagtail.models import Workflow

        tasks = [t.specific for t in Workflow.objects.get(name=REVIEW_WORKFLOW).tasks]
        assert isinstance(tasks[-1], ExpertValidationTask)
        assert len(tasks) == 2
        assert list(tasks[-1].groups.values_list("name", flat=True)) == [EXPERTS]
        assert ValidationCriterion.objects.filter(locale__language_code="sv").count() == 4

    def test_practice_that_does_not_ask_skips_the_experts(self, site_tree, people):
        page = submitted(site_tree, people["pm"], requested=False)
        approve_by_pm(page, people["pm"])
        page.refresh_from_db()
        assert page.live
        assert TaskState.objects.filter(status=TaskState.STATUS_SKIPPED).count() == 1
        assert not ExpertValidation.objects.exists()

    def test_asking_practice_waits_for_the_experts_and_gets_the_badge(
        self, client, site_tree, people
    ):
        page = submitted(site_tree, people["pm"], requested=True, title="Validerat exempel")
        approve_by_pm(page, people["pm"])
        page.refresh_from_db()
        assert not page.live
        state = current(page)
        assert isinstance(state.task.specific, ExpertValidationTask)
        # Only the experts may act on it.
        assert state.task.specific.get_actions(page, people["pm"]) == []
        assert [a[0] for a in state.task.specific.get_actions(page, people["expert"])] == [
            "reject",
            "approve",
        ]
        validate_over_http(page, people["expert"])
        page.refresh_from_db()
        assert page.live
        validation = ExpertValidation.objects.get()
        assert validation.validated_by == people["expert"]
        assert len(validation.criteria) == 4
        body = client.get(page.url).content.decode()
        assert BADGE in body
        assert "Resultaten är dokumenterade" in body

    def test_validating_needs_every_criterion(self, site_tree, people):
        page = submitted(site_tree, people["pm"], requested=True)
        approve_by_pm(page, people["pm"])
        some = [key for key, _label in criteria_choices()][:2]
        validate_over_http(page, people["expert"], criteria=some)
        page.refresh_from_db()
        assert not page.live
        assert not ExpertValidation.objects.exists()

    def test_experts_return_with_comments(self, site_tree, people):
        page = submitted(site_tree, people["pm"], requested=True)
        approve_by_pm(page, people["pm"])
        state = current(page)
        client = Client()
        client.force_login(people["expert"])
        client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", state.pk]),
            {"comment": "Källor saknas."},
        )
        workflow_state = WorkflowState.objects.get(object_id=str(page.pk))
        assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
        page.refresh_from_db()
        assert not page.live
        assert not ExpertValidation.objects.exists()


@pytest.mark.django_db
class TestBadge:
    @pytest.fixture
    def validated(self, site_tree, people) -> PracticePage:
        page = submitted(site_tree, people["pm"], requested=True, title="Validerat exempel")
        approve_by_pm(page, people["pm"])
        validate_over_http(page, people["expert"])
        return PracticePage.objects.get(pk=page.pk)

    def _shows_badge(self, page) -> bool:
        cache.clear()
        return BADGE in Client().get(page.url).content.decode()

    def test_title_change_keeps_the_badge(self, validated, people):
        validated.title = "Nytt namn på exemplet"
        validated.save_revision(user=people["pm"]).publish(user=people["pm"])
        assert self._shows_badge(validated)

    def test_record_change_removes_the_badge(self, validated, people):
        validated.results = "<p>Helt andra resultat.</p>"
        validated.save_revision(user=people["pm"]).publish(user=people["pm"])
        assert not self._shows_badge(validated)

    def test_lapsed_follow_up_removes_the_badge(self, validated):
        PracticePage.objects.filter(pk=validated.pk).update(
            last_verified=date.today() - timedelta(days=400)
        )
        assert not self._shows_badge(validated)

    def test_english_translation_shows_the_badge_while_the_source_holds(
        self, validated, locales, people
    ):
        english = factories.translate(validated, locales["en"], title="Validated practice")
        body = Client().get(english.url).content.decode()
        assert "Validated by the expert group" in body

    def test_validated_only_filter(self, validated, site_tree, client):
        other = factories.PracticePageFactory(parent=site_tree["municipality_sv"], title="Annat")
        other.save_revision().publish()
        index = site_tree["practice_index_sv"]
        body = client.get(index.url, {"validated": "yes"}).content.decode()
        assert "Validerat exempel" in body
        assert "Annat" not in body
        unfiltered = client.get(index.url).content.decode()
        assert "Annat" in unfiltered and "Endast validerade av expertgruppen" in unfiltered


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "heading"), [("sv", "Expertvalidering"), ("en", "Expert")])
def test_criteria_are_public(client, site_tree, language, heading):
    with translation.override(language):
        url = reverse("validation:criteria")
    body = client.get(url).content.decode()
    assert heading in body
    assert "Källor är angivna" in body or "Sources are cited" in body
