"""django-axes with one failure limit per lockout criterion (AXES_HANDLER).

Axes counts failures for each entry of AXES_LOCKOUT_PARAMETERS but compares them all with the
one AXES_FAILURE_LIMIT. We lock an account from one address early (a typo-prone colleague is
locked alone), an account from everywhere later (password spraying from many addresses), and
an address later still (one office behind NAT is many editors). So the count reported to axes
is "AXES_FAILURE_LIMIT minus the tries left under the tightest criterion": axes locks exactly
when any criterion has reached its own limit. See "Login protection" in docs/operations.md.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def failure_limit(parameter: str | list[str]) -> int:
    """The limit for one entry of AXES_LOCKOUT_PARAMETERS (AXES_CRITERION_FAILURE_LIMITS)."""
    key = "+".join(sorted([parameter] if isinstance(parameter, str) else parameter))
    limits: dict[str, int] = getattr(settings, "AXES_CRITERION_FAILURE_LIMITS", {})
    return limits.get(key, settings.AXES_FAILURE_LIMIT)


class LoginLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit for each lockout criterion."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        parameters = get_lockout_parameters(request, credentials)
        attempts_list = self.get_user_attempts(request, credentials)
        tries_left = min(
            failure_limit(parameter)
            - (attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)
            for parameter, attempts in zip(parameters, attempts_list, strict=True)
        )
        return max(settings.AXES_FAILURE_LIMIT - tries_left, 0)

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """After a successful login, forget that account's failures, and only those.

        Axes would delete every attempt matching any criterion, including all failures from
        the address: an attacker with one valid account could then reset the address limit by
        logging in between rounds of spraying.
        """
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
