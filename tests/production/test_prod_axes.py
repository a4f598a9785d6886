"""Brute-force protection of the admin login with django-axes."""

import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

PASSWORD = "ett-riktigt-langt-losenord"  # noqa: S105


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
