"""Every admin and API route, probed with municipality B's private objects, as every role.

The URL patterns come from Django's resolver, not from a list: every pattern under /admin/
(Wagtail's, wagtail-localize's, ours) and under /api/. A pattern that takes object ids is
filled from *bundles*, B's private objects described by the URL parameters they supply (a
draft page supplies ``page_id``, ``revision_id``, ``pk`` for page views, ...); a pattern
whose parameters no bundle supplies, and which is not in ``NOT_PROBED`` with a reason, fails
``test_every_pattern_with_parameters_is_probed``, so a pattern added by an upgrade is
noticed. Patterns without parameters (listings, reports, the dashboard) are requested too.
The patterns and bundles: tests/municipalities/admin_routes.py, admin_route_bundles.py.

Each request is a GET, and a POST where the view may accept one, made as every role inside a
transaction that is rolled back afterwards, so each starts from the same world. Asserted:
- no marker of a private object (draft title, pending title, revision text, file name,
  contact name, review comment) in the response or its flash messages, for a role that may
  not see it;
- no change in the database (a snapshot of every table, taken when the request wrote
  anything) by a role that may not change the object;
- no 5xx for a role that may not act on the object (refusal comes before processing).
"""

from __future__ import annotations

import operator
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection, transaction
from django.http import HttpRequest
from django.test import Client
from wagtail.images import get_image_model

from tests.municipalities.admin_route_bundles import build_probe
from tests.municipalities.admin_routes import (
    NOBODY,
    ROLES,
    Bundle,
    Probe,
    Route,
    build_path,
    probe_cases,
)
from tests.municipalities.roles_world import World

pytestmark = pytest.mark.django_db

# Tables that record the requesting user's own bookkeeping, not the objects under test, and
# image renditions, which any view that shows a thumbnail makes on demand.
UNSNAPSHOTTED = {
    get_image_model().get_rendition_model()._meta.db_table,
    "django_session",
    "wagtailusers_userprofile",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
}
WRITE_SQL = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def probe(world: World, django_db_blocker: Any) -> Probe:
    with django_db_blocker.unblock():
        return build_probe(world)


# --- Requests ---------------------------------------------------------------------------------


class WriteWatcher:
    def __init__(self) -> None:
        self.wrote = False

    def __call__(self, execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        if WRITE_SQL.match(sql):
            self.wrote = True
        return execute(sql, params, many, context)


def snapshot() -> dict[str, frozenset]:
    """Every row of every table (as text, to compare), but the requesting user's bookkeeping."""
    state = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in UNSNAPSHOTTED:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            state[table] = frozenset(map(repr, cursor.fetchall()))
    return state


def diff(before: dict[str, frozenset], after: dict[str, frozenset]) -> dict[str, tuple[int, int]]:
    """Changed tables: (rows gone, rows new)."""
    return {
        table: (len(before[table] - after[table]), len(after[table] - before[table]))
        for table in before
        if before[table] != after[table]
    }


def flash_messages(client: Client) -> str:
    cookie = client.cookies.get("messages")
    if cookie is None:
        return ""
    storage = CookieStorage(HttpRequest())
    messages = storage._decode(cookie.value) or []  # noqa: SLF001 (read back what was set)
    client.cookies.pop("messages", None)
    return " ".join(str(m.message) for m in messages)


@dataclass
class Outcome:
    violations: list[str] = field(default_factory=list)
    requests: int = 0
    cells: set = field(default_factory=set)


def request(
    client: Client,
    method: str,
    path: str,
    query: dict[str, Any],
    baseline: dict[str, frozenset] | None,
) -> tuple[int, str, dict[str, tuple[int, int]]]:
    """One request, rolled back; the tables it changed if ``baseline`` is given."""
    watcher = WriteWatcher()
    changes: dict[str, tuple[int, int]] = {}
    with transaction.atomic():
        with connection.execute_wrapper(watcher):
            if method == "GET":
                response = client.get(path, query)
            else:
                target = path + ("?" + _encode(query) if query else "")
                response = client.post(target, {})
        if watcher.wrote and baseline is not None:
            changes = diff(baseline, snapshot())
        transaction.set_rollback(True)
    body = b"" if getattr(response, "streaming", False) else response.content
    text = body.decode("utf-8", "replace") + " " + flash_messages(client)
    text += " " + response.get("Location", "")
    return response.status_code, text, changes


def _encode(query: dict[str, Any]) -> str:
    from urllib.parse import urlencode

    return urlencode(query, doseq=True)


def accepts_post(route: Route) -> bool:
    """False only for views that declare they answer GET alone."""
    callback = route.callback
    actions = getattr(callback, "actions", None)
    if actions is not None:  # a DRF viewset's view
        return "post" in actions
    cls = getattr(callback, "view_class", None)
    if cls is not None:
        return "post" in getattr(cls, "http_method_names", []) and hasattr(cls, "post")
    allowed = getattr(callback, "_allowed_methods", None)  # require_http_methods, not public
    return True if allowed is None else "POST" in allowed


def check(
    outcome: Outcome,
    probe: Probe,
    role: str,
    method: str,
    path: str,
    status: int,
    text: str,
    changes: dict[str, tuple[int, int]],
    bundle: Bundle | None,
) -> None:
    label = bundle.label if bundle is not None else "listing"
    where = f"{role} {method} {path} ({label}) -> {status}"
    for marker, seers in probe.markers.items():
        if marker in text and role not in seers:
            at = text.index(marker)
            context = " ".join(text[max(at - 100, 0) : at + 40].split())
            outcome.violations.append(f"{where}: shows {marker!r} in …{context}…")
    if changes:
        changers = bundle.changers if bundle is not None else NOBODY
        if role not in changers:
            outcome.violations.append(f"{where}: changed {changes}")
        elif role in bundle.no_delete and operator.gt(*changes.get("wagtailcore_page", (0, 0))):
            outcome.violations.append(f"{where}: deleted a page")
    may_act = bundle is not None and role in bundle.changers
    if status >= 500 and not may_act:
        outcome.violations.append(f"{where}: server error")


def progress(outcome: Outcome, started: float) -> None:
    seconds = time.monotonic() - started
    sys.stderr.write(f"{outcome.requests} requests in {seconds:.0f} s\n")


def test_every_pattern_with_parameters_is_probed(probe: Probe) -> None:
    _cases, _plain, unsupplied = probe_cases(probe)
    assert not unsupplied, (
        "URL patterns that no bundle of B's objects fills; add a bundle or list them in "
        "NOT_PROBED with the reason:\n" + "\n".join(r.route for r in unsupplied)
    )


def test_a_new_pattern_with_an_id_is_noticed(probe: Probe) -> None:
    unknown = Route("admin/new/<int:gadget_id>/", "new", frozenset({"gadget_id"}), None, "")
    assert not any(b.supplies(unknown) for b in probe.bundles)


def test_every_admin_route_keeps_other_municipalities_private(probe: Probe, capsys) -> None:
    cases, plain, _unsupplied = probe_cases(probe)
    clients = {}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        if probe.world.users[role] is not None:
            client.force_login(probe.world.users[role])
        clients[role] = client
    baseline = snapshot()
    outcome = Outcome()
    started = time.monotonic()
    for route, bundle in cases:
        path = build_path(route, bundle.values)
        methods = ["GET", "POST"] if accepts_post(route) else ["GET"]
        for role in ROLES:
            for method in methods:
                # A POST by a role that may change the object asserts nothing (unless it may
                # not delete); its GET still may not show the markers it may not see.
                compare = role not in bundle.changers or role in bundle.no_delete
                if method == "POST" and not compare:
                    continue
                status, text, changes = request(
                    clients[role], method, path, bundle.query, baseline if compare else None
                )
                outcome.requests += 1
                outcome.cells.add((route.route, role, bundle.label))
                if outcome.requests % 500 == 0:
                    progress(outcome, started)
                check(outcome, probe, role, method, path, status, text, changes, bundle)
    for route in plain:
        path = build_path(route, {})
        for role in ROLES:
            status, text, changes = request(clients[role], "GET", path, {}, baseline)
            outcome.requests += 1
            outcome.cells.add((route.route, role, "-"))
            check(outcome, probe, role, "GET", path, status, text, changes, None)
    with capsys.disabled():
        patterns = {cell[0] for cell in outcome.cells}
        objects = {cell[2] for cell in outcome.cells}
        print(  # noqa: T201 (the figure the issue asks for)
            f"\nadmin route walk: {len(patterns)} patterns x {len(ROLES)} roles x "
            f"{len(objects)} objects -> {len(outcome.cells)} cells, {outcome.requests} requests"
        )
    assert not outcome.violations, "\n".join(outcome.violations)
