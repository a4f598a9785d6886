"""The relevance test set: real queries on the demo content, scored by mean reciprocal rank.

Fails when a change makes any of the queries in tests/search/relevance_cases.py find its
right answer lower than it does today (the measured figure is BASELINE_MRR).
"""

import sys

import pytest
from django.db import transaction
from django.http import QueryDict
from wagtail.models import Locale

from demo.build import build_demo
from demo.search import build_search_demo
from search import service
from search.forms import SearchParams
from tests.search.relevance_cases import CASES
from tests.search.search_corpus import reset_search_state

#: Mean reciprocal rank of the cases as measured (every right answer first, SQLite and
#: PostgreSQL alike). Lower it only with a reason in the commit message.
BASELINE_MRR = 1.0
DEPTH = 10


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content and its synonym sets, built once and rolled back at the end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            build_demo(accounts=False)
            build_search_demo()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            reset_search_state()


def rank_of_first_right_answer(language: str, query: str, right: set[str]) -> int | None:
    data = QueryDict("", mutable=True)
    data["q"] = query
    locale = Locale.objects.get(language_code=language)
    outcome = service.run_search(SearchParams.from_querydict(data), locale, language)
    slugs = [item.page.slug for item in outcome.results][:DEPTH]
    return next((rank for rank, slug in enumerate(slugs, 1) if slug in right), None)


def test_mean_reciprocal_rank_does_not_drop(demo, db, capsys):
    reset_search_state()
    ranks = {
        (language, query): rank_of_first_right_answer(language, query, right)
        for language, query, right in CASES
    }
    mrr = sum(1 / rank for rank in ranks.values() if rank) / len(CASES)
    with capsys.disabled():  # the figure is part of the test's output on purpose
        sys.stdout.write(f"\nsearch relevance: MRR {mrr:.3f} over {len(CASES)} queries\n")
    worse = {f"{language}: {query}": rank for (language, query), rank in ranks.items() if rank != 1}
    assert mrr >= BASELINE_MRR, f"MRR {mrr:.3f} < {BASELINE_MRR}; not first: {worse}"


def test_every_case_names_existing_demo_practices(demo, db):
    from practices.models import PracticePage

    slugs = set(PracticePage.objects.live().values_list("slug", flat=True))
    for _language, query, right in CASES:
        assert right <= slugs, query
