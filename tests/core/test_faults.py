"""Faults: database outages give a friendly 503; /health/ names what is down."""

import json
import socket
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client
from wagtail.models import Site

from core import faults, health


def closed_loopback_port() -> int:
    """A port on 127.0.0.1 that nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def test_health_is_ok_when_everything_answers(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "search": "ok"},
        "down": [],
    }
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("component", ["database", "cache", "search"])
def test_health_names_what_is_down(client, db, component):
    def broken() -> str:
        raise OperationalError("unreachable")

    with mock.patch.dict(health.CHECKS, {component: broken}):
        response = client.get("/health/")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "down"
    assert body["down"] == [component]
    assert body["checks"][component].startswith("down")


def test_health_reports_an_unreachable_elasticsearch(client, db, settings):
    port = closed_loopback_port()
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [f"http://127.0.0.1:{port}"],
            "INDEX_PREFIX": "health-test-",
            "OPTIONS": {"max_retries": 0},
        }
    }
    response = client.get("/health/")
    assert response.status_code == 503
    assert json.loads(response.content)["down"] == ["search"]


def test_health_really_checks_the_database(client, db):
    with mock.patch.object(health.connection, "cursor", side_effect=OperationalError("gone")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert "database" in json.loads(response.content)["down"]


def test_health_refuses_post(client, db):
    assert client.post("/health/").status_code == 405
