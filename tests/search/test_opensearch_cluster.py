"""A node of the three-node OpenSearch cluster is killed while readers search.

Needs `make search-cluster` (nodes on 9200-9202) and SEARCH_CLUSTER_TEST=1: the test kills
node-2 with SIGKILL and starts it again through tools/search-engine/engine.sh. CI runs it
(.ci/run, with REQUIRE_SEARCH_ENGINE=1 a missing cluster fails instead of skipping).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models

from tests.search.engine_support import ENGINE_URL, REQUIRE_ENGINE, engine_config
from tests.search.search_corpus import module_corpus, reset_search_state

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "tools" / "search-engine" / "engine.sh"
VICTIM = 2
VICTIM_PID = ROOT / "tools" / "search-engine" / "run" / "cluster" / f"node-{VICTIM}" / "pid"
QUERIES = ["läxhjälp", "skolorna", "mötesplatsen", "harnosand", "nyanlända kvinnor"]

pytestmark = [pytest.mark.engine, pytest.mark.cluster]


@pytest.fixture(scope="module")
def cluster_corpus(django_db_setup, django_db_blocker):
    wanted = os.environ.get("SEARCH_CLUSTER_TEST") == "1"
    if not (wanted and ENGINE_URL.count(",") >= 2):
        if REQUIRE_ENGINE and wanted:
            pytest.fail("SEARCH_CLUSTER_TEST=1 needs OPENSEARCH_URL with the three nodes")
        pytest.skip("needs `make search-cluster`, SEARCH_CLUSTER_TEST=1 and its OPENSEARCH_URL")
    config = engine_config()
    with (
        django_db_blocker.unblock(),
        override_settings(WAGTAILSEARCH_BACKENDS={"default": config}),
    ):
        from django.core.management import call_command

        call_command("update_index", verbosity=0)
        with module_corpus(django_db_blocker) as data:
            yield data


def search_url(query: str) -> str:
    with translation.override("sv"):
        return reverse("search:search") + "?" + urlencode({"q": query})


def document_counts(backend) -> dict[str, int]:
    counts = {}
    for model in get_indexed_models():
        name = backend.get_index_for_model(model).name
        if name not in counts:
            backend.get_index_for_model(model).refresh()
            counts[name] = backend.es.count(index=name)["count"]
    return counts


def wait_for(predicate, limit: float, what: str):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(1)
    raise AssertionError(f"timed out after {limit:.0f} s waiting for {what}")


def test_losing_a_node_keeps_search_answering(cluster_corpus, client, db):
    reset_search_state()
    backend = get_search_backend()
    backend.es.cluster.health(wait_for_status="green", timeout="120s", request_timeout=130)
    health = backend.es.cluster.health()
    assert health["number_of_nodes"] == 3
    # One replica of every shard (auto_expand_replicas 0-1 on three nodes).
    settings = backend.es.indices.get_settings(
        index=backend.get_index_for_model(cluster_corpus["schools"].__class__).name
    )
    assert {s["settings"]["index"]["auto_expand_replicas"] for s in settings.values()} == {"0-1"}
    before = document_counts(backend)
    expected = {}
    for query in QUERIES:
        response = client.get(search_url(query))
        assert response.status_code == 200
        expected[query] = [item.page.pk for item in response.context["results"]]
        assert expected[query], query
    assert client.get("/health/").json()["checks"]["search"] == "ok"

    os.kill(int(VICTIM_PID.read_text()), signal.SIGKILL)
    answered = 0
    degraded = None
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and (degraded is None or answered < 20):
            for query in QUERIES:
                reset_search_state()  # every search goes to the engine, not the cache
                response = client.get(search_url(query))
                assert response.status_code == 200, (query, response.status_code)
                found = [item.page.pk for item in response.context["results"]]
                assert found == expected[query], query
                answered += 1
            status = client.get("/health/")
            assert status.status_code == 200
            if status.json()["checks"]["search"].startswith("degraded"):
                degraded = status.json()
        assert degraded is not None, "/health/ never reported the lost node"
        assert degraded["status"] == "degraded"
        assert "2 node(s)" in degraded["checks"]["search"]
    finally:
        subprocess.run([str(ENGINE), "node", "cluster", str(VICTIM)], check=True)  # noqa: S603

    backend.es.cluster.health(
        wait_for_status="green", wait_for_nodes="3", timeout="240s", request_timeout=250
    )
    wait_for(lambda: client.get("/health/").json()["checks"]["search"] == "ok", 60, "green health")
    assert document_counts(backend) == before
    for query in QUERIES:
        reset_search_state()
        response = client.get(search_url(query))
        assert [item.page.pk for item in response.context["results"]] == expected[query]
