"""practices.verification: the one "last verified more than a year ago" rule."""

from datetime import date, timedelta
from unittest import mock

import pytest

from practices import verification
from practices.models import PracticePage
from practices.verification import (
    VERIFICATION_STALE_AFTER_DAYS,
    is_verification_overdue,
    verification_cutoff,
)

TODAY = date(2026, 3, 1)


def test_the_cutoff_is_a_year_before_today():
    assert VERIFICATION_STALE_AFTER_DAYS == 365
    assert verification_cutoff(TODAY) == TODAY - timedelta(days=365)


@pytest.mark.parametrize(
    ("days_ago", "overdue"), [(0, False), (364, False), (365, False), (366, True), (900, True)]
)
def test_overdue_means_more_than_the_limit(days_ago, overdue):
    assert is_verification_overdue(TODAY - timedelta(days=days_ago), TODAY) is overdue


def test_today_is_the_sites_local_date():
    # Just after midnight in Sweden the server's UTC date is still yesterday: the site's
    # date decides, as the follow-up reminders do.
    with mock.patch.object(verification.timezone, "localdate", return_value=TODAY):
        assert verification_cutoff() == TODAY - timedelta(days=365)
        assert is_verification_overdue(TODAY - timedelta(days=366))
        assert not is_verification_overdue(TODAY - timedelta(days=365))


@pytest.mark.django_db
def test_the_practice_page_uses_the_rule():
    page = PracticePage(last_verified=TODAY - timedelta(days=366))
    with mock.patch.object(verification.timezone, "localdate", return_value=TODAY):
        assert page.is_verification_overdue
        page.last_verified = TODAY - timedelta(days=365)
        assert not page.is_verification_overdue
