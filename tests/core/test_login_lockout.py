"""Brute-force protection of the admin login with django-axes."""

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

PASSWORD = "ett-riktigt-langt-losenord"  # noqa: S105
FAST = hypothesis_settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def editors(django_user_model):
    return (
        django_user_model.objects.create_superuser("anna", "anna@kommun.example", PASSWORD),
        django_user_model.objects.create_superuser("bo", "bo@kommun.example", PASSWORD),
    )


def login(client, username: str, password: str, address: str = "127.0.0.1"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@override_settings(AXES_ENABLED=True)
def test_lockout_after_repeated_failures(client, editors):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        response = login(client, "anna", "fel")
        assert response.status_code == 200  # the form again, with an error
    locked = login(client, "anna", "fel")
    assert locked.status_code == 429
    assert "Retry-After" in locked
    # The page speaks the request's language (Swedish by default): compare with the catalogue.
    lang = re.search(rb'<html lang="([a-z-]+)"', locked.content).group(1).decode()
    with translation.override(lang):
        expected = translation.gettext("Too many failed login attempts")
    assert expected.encode() in locked.content
    # Even the right password is refused while locked out.
    assert login(client, "anna", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True)
def test_lockout_is_per_username_and_address(client, editors):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "anna", "fel")
    # A colleague at the same address, and Anna from elsewhere, can still log in.
    assert login(client, "bo", PASSWORD).status_code == 302
    client.logout()
    assert login(client, "anna", PASSWORD, address="192.0.2.10").status_code == 302


@override_settings(AXES_ENABLED=True)
def test_success_resets_the_failure_count(client, editors):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "anna", "fel")
    assert login(client, "anna", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "anna", "fel")
    assert login(client, "anna", PASSWORD).status_code == 302


@override_settings(AXES_ENABLED=True)
def test_force_login_still_works_with_axes_enabled(client, editors):
    """Wagtail's and pytest-django's test helpers log in with force_login()."""
    client.force_login(editors[0])
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_test_settings_keep_client_login_working(client, editors):
    assert client.login(username="anna", password=PASSWORD)


# --- One limit per criterion (core/login_lockout.py) -------------------------------

BELOW_PAIR_LIMIT = 4  # an attacker who stays under the per-address-and-account limit


def limits() -> dict[str, int]:
    return settings.AXES_CRITERION_FAILURE_LIMITS


def test_limits_are_ordered_so_a_typo_locks_least():
    assert settings.AXES_FAILURE_LIMIT == limits()["ip_address+username"]
    assert BELOW_PAIR_LIMIT < settings.AXES_FAILURE_LIMIT
    assert limits()["ip_address+username"] < limits()["username"] < limits()["ip_address"]


@override_settings(AXES_ENABLED=True)
def test_guesses_from_many_addresses_lock_the_account(client, editors):
    account_limit = limits()["username"]
    statuses = [
        login(client, "anna", "fel", address=f"198.51.100.{n // BELOW_PAIR_LIMIT + 1}").status_code
        for n in range(account_limit)
    ]
    # Wrong-password answers until the limit; the guess that reaches it locks (as on one address).
    assert statuses == [200] * (account_limit - 1) + [429]
    assert account_limit > BELOW_PAIR_LIMIT  # reached only by changing address
    # Locked everywhere, even with the right password, from an address never seen before...
    assert login(client, "anna", PASSWORD, address="203.0.113.99").status_code == 429
    assert "_auth_user_id" not in client.session
    # ...but a colleague at those same addresses is not locked out.
    assert login(client, "bo", PASSWORD, address="198.51.100.1").status_code == 302


@override_settings(AXES_ENABLED=True)
def test_spraying_many_accounts_from_one_address_locks_the_address(client, editors):
    address_limit = limits()["ip_address"]
    statuses = [
        login(client, f"kommun-{n // BELOW_PAIR_LIMIT}", "Sommar2026!").status_code
        for n in range(address_limit)
    ]
    assert statuses == [200] * (address_limit - 1) + [429]
    # That address is locked for every account, even with the right password...
    assert login(client, "bo", PASSWORD).status_code == 429
    # ...other addresses are not, and no account was locked by this.
    assert login(client, "bo", PASSWORD, address="192.0.2.20").status_code == 302


@override_settings(AXES_ENABLED=True)
def test_account_lock_ends_after_the_cool_off(client, editors):
    from axes.models import AccessAttempt

    for n in range(limits()["username"]):
        login(client, "anna", "fel", address=f"198.51.100.{n // BELOW_PAIR_LIMIT + 1}")
    assert login(client, "anna", PASSWORD, address="203.0.113.5").status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    )
    assert login(client, "anna", PASSWORD, address="203.0.113.5").status_code == 302


@override_settings(AXES_ENABLED=True)
def test_a_valid_login_does_not_reset_the_address_limit(client, editors):
    """An attacker with one account of their own cannot clear the address's failures."""
    address_limit = limits()["ip_address"]
    for n in range(address_limit - 1):
        login(client, f"kommun-{n // BELOW_PAIR_LIMIT}", "fel")
    assert login(client, "bo", PASSWORD).status_code == 302
    client.logout()
    assert login(client, "kommun-x", "fel").status_code == 429  # the limit's failure locks
    assert login(client, "bo", PASSWORD).status_code == 429


@FAST
@given(
    schedule=st.lists(
        st.tuples(st.integers(0, 7), st.integers(0, 3)),  # (address, account) of each guess
        min_size=1,
        max_size=45,
    )
)
@override_settings(AXES_ENABLED=True)
def test_no_schedule_of_guesses_exceeds_any_limit(client, editors, schedule):
    """However an attacker spreads wrong passwords over addresses and accounts, fewer than
    the limit's number of guesses per account, per address and per pair get a "wrong
    password" answer; the guess that reaches a limit and all after it get 429."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
    answered: Counter = Counter()
    for address, account in schedule:
        response = login(client, f"konto-{account}", "fel", address=f"198.51.100.{address}")
        assert response.status_code in (200, 429)
        if response.status_code == 200:
            answered[("pair", address, account)] += 1
            answered[("account", account)] += 1
            answered[("address", address)] += 1
    for key, count in answered.items():
        limit = {
            "pair": settings.AXES_FAILURE_LIMIT,
            "account": limits()["username"],
            "address": limits()["ip_address"],
        }[key[0]]
        assert count < limit, (key, count)
