"""/health/ names what is down."""

import json
import socket
from unittest import mock

import pytest
from django.db import OperationalError

from core import health


def closed_loopback_port() -> int:
    """A port on 127.0.0.1 that nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
