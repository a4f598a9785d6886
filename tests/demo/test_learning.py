"""demo.learning.build_learning_demo: idempotent, and fits the demo loader's content."""

from __future__ import annotations

import io

import pytest

from demo.learning import DEMO_CALL_KEY, build_learning_demo
from learning.models import CallForPractices, CallSubmission, RelatedPractice
from municipalities.models import MunicipalityPage, MunicipalityProfile


@pytest.mark.django_db
def test_on_the_real_demo_content_and_twice():
    from demo.build import build_demo

    build_demo(accounts=False)
    out = io.StringIO()
    first = build_learning_demo(stdout=out)
    assert "learning:" in out.getvalue()
    assert first["call_created"] is True
    assert (
        first["profiles_created"]
        == MunicipalityPage.objects.filter(locale__language_code="sv", kind="municipality").count()
    )
    assert CallForPractices.objects.filter(translation_key=DEMO_CALL_KEY).count() == 2
    call = CallForPractices.objects.get(translation_key=DEMO_CALL_KEY, locale__language_code="sv")
    assert call.is_open() and call.theme is not None
    assert CallSubmission.objects.filter(call=call).count() == 1
    assert RelatedPractice.objects.exists()

    counts = (MunicipalityProfile.objects.count(), CallSubmission.objects.count())
    second = build_learning_demo()
    assert second["profiles_created"] == 0 and second["call_created"] is False
    assert (MunicipalityProfile.objects.count(), CallSubmission.objects.count()) == counts
    assert CallForPractices.objects.filter(translation_key=DEMO_CALL_KEY).count() == 2


@pytest.mark.django_db
def test_without_the_demo_pages_it_still_runs(site_tree):
    result = build_learning_demo()
    assert result["profiles_created"] == 1  # the test tree's Hylte
    assert CallForPractices.objects.count() == 2  # no theme to point at, but a call
    assert build_learning_demo()["call_created"] is False
