"""When a practice's information counts as unverified: "last verified more than a year ago".

One rule for the reader's warning on the practice page and in the comparison
(PracticePage.is_verification_overdue), expert validation (validation.records) and the
owners' follow-up (learning.follow_up). It lives in practices, the lowest app that needs it.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

#: A practice whose information nobody has confirmed for more days than this is overdue.
VERIFICATION_STALE_AFTER_DAYS = 365


def verification_cutoff(today: date | None = None) -> date:
    """The practices last verified before this day are overdue.

    `today` defaults to the date in the site's time zone (TIME_ZONE), not the server's:
    around midnight the two differ, and the page and the reminders must agree.
    """
    return (today or timezone.localdate()) - timedelta(days=VERIFICATION_STALE_AFTER_DAYS)


def is_verification_overdue(last_verified: date, today: date | None = None) -> bool:
    """Whether information last verified on `last_verified` is overdue (see the cutoff)."""
    return last_verified < verification_cutoff(today)
