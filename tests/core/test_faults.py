"""Faults: database outages give a friendly 503, which tells the truth about what was saved
(issue 10, class 9)."""

from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.db import InterfaceError, OperationalError, transaction
from django.test import Client
from django.utils import translation
from wagtail.models import Site

from core import faults


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_lost_database_gives_a_friendly_503_not_a_500(client, site_tree, error):
    with mock.patch.object(Site, "find_for_request", side_effect=error("server closed")):
        response = client.get("/sv/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(faults.RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    assert "tillfälligt" in response.content.decode() or "temporarily" in response.content.decode()
    assert "Content-Security-Policy" in response


def test_database_error_outside_a_view_also_gives_503(rf):
    """handler500 sees database errors raised by middleware, where process_exception can't."""
    request = rf.get("/sv/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = faults.server_error(request)
    assert response.status_code == 503


def test_other_errors_keep_the_500_page(rf):
    request = rf.get("/sv/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = faults.server_error(request)
    assert response.status_code == 500


def test_the_503_page_speaks_the_visitors_language(site_tree):
    client = Client(raise_request_exception=False)
    with mock.patch.object(Site, "find_for_request", side_effect=OperationalError("down")):
        response = client.get("/en/")
    assert response.status_code == 503
    assert '<html lang="en">' in response.content.decode()


# --- What the 503 page says about a change -------------------------------------------------


def respond(rf, view):
    """A POST through DatabaseUnavailableMiddleware, with Django's handling of view errors."""
    middleware = faults.DatabaseUnavailableMiddleware(lambda request: None)

    def get_response(request):
        try:
            return view(request)
        except OperationalError as exc:
            return middleware.process_exception(request, exc)

    middleware.get_response = get_response
    with translation.override("en"):
        return middleware(rf.post("/admin/pages/1/edit/"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_committed_before_the_error_is_reported_as_saved(rf):
    def publish_then_fail(request):
        with transaction.atomic():
            Group.objects.create(name="Publicerad")
        raise OperationalError("database is locked")  # e.g. a follow-up write timed out

    response = respond(rf, publish_then_fail)
    assert response.status_code == 503
    assert "Your change was saved" in response.content.decode()
    assert "Do not repeat" in response.content.decode()
    assert Group.objects.filter(name="Publicerad").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_rolled_back_by_the_error_is_reported_as_not_saved(rf):
    def fail_inside_the_transaction(request):
        with transaction.atomic():
            Group.objects.create(name="Utkast")
            raise OperationalError("database is locked")

    response = respond(rf, fail_inside_the_transaction)
    assert response.status_code == 503
    assert "nothing was saved" in response.content.decode()
    assert not Group.objects.filter(name="Utkast").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_autocommitted_write_counts_as_saved(rf):
    def write_then_fail(request):
        Group.objects.create(name="Sparad")
        raise OperationalError("database is locked")

    assert "Your change was saved" in respond(rf, write_then_fail).content.decode()


def test_readers_keep_the_general_message(rf):
    middleware = faults.DatabaseUnavailableMiddleware(lambda request: None)
    with translation.override("en"):
        response = middleware.process_exception(rf.get("/sv/"), OperationalError("down"))
    assert "nothing you have published is lost" in response.content.decode()
