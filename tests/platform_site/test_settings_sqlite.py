"""The embedded default (SQLite) takes a few editors at once (issue 10, class 9).

What the 503 page then says about a change is tested in tests/core/test_faults.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EDITORS = 6
ROUNDS = 5

# Several editors (threads, each with its own connection, as runserver's and gunicorn's
# threads have) each read a row and then write in one transaction, as saving a revision or
# publishing does, on a file database with the settings `make run` uses.
CONCURRENT_EDITORS = r"""
import json, sys, threading, time
import django
from django.conf import settings

mode = sys.argv[1]
if mode != "settings":
    settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] = mode
    settings.DATABASES["default"]["OPTIONS"]["timeout"] = 2
django.setup()
from django.db import OperationalError, connection, transaction

editors, rounds = int(sys.argv[2]), int(sys.argv[3])
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER)")
    cursor.execute("INSERT INTO counter VALUES (1, 0)")
    cursor.execute("CREATE TABLE saved (id INTEGER PRIMARY KEY AUTOINCREMENT, editor INTEGER)")
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
connection.close()
errors = []
start = threading.Barrier(editors)

def editor(number):
    start.wait()
    try:
        for _ in range(rounds):
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute("SELECT n FROM counter WHERE id = 1")
                    n = cursor.fetchone()[0]
                    time.sleep(0.005)
                    cursor.execute("UPDATE counter SET n = %s WHERE id = 1", [n + 1])
                    cursor.execute("INSERT INTO saved (editor) VALUES (%s)", [number])
            except OperationalError as exc:
                errors.append(str(exc))
    finally:
        connection.close()

threads = [threading.Thread(target=editor, args=(i,)) for i in range(editors)]
began = time.monotonic()
for t in threads: t.start()
for t in threads: t.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT n FROM counter WHERE id = 1")
    counter = cursor.fetchone()[0]
    cursor.execute("SELECT COUNT(*) FROM saved")
    saved = cursor.fetchone()[0]
print(json.dumps({
    "journal": journal, "errors": errors, "counter": counter, "saved": saved,
    "options": settings.DATABASES["default"]["OPTIONS"], "seconds": time.monotonic() - began,
}))
"""


def run_editors(tmp_path: Path, mode: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "platform_site.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / f'{mode}.sqlite3'}",
    }
    completed = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", CONCURRENT_EDITORS, mode, str(EDITORS), str(ROUNDS)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_concurrent_editors_on_the_default_sqlite_settings_all_save(tmp_path):
    result = run_editors(tmp_path, "settings")
    assert result["options"]["transaction_mode"] == "IMMEDIATE"
    assert result["options"]["timeout"] >= 5
    assert result["journal"] == "wal"
    assert result["errors"] == []
    # Every transaction committed, and none overwrote another's update.
    assert result["saved"] == EDITORS * ROUNDS
    assert result["counter"] == EDITORS * ROUNDS


def test_without_immediate_transactions_the_same_editors_collide(tmp_path):
    """The control: SQLite's default (deferred) transactions fail under the same load, so the
    test above would notice if the setting went away."""
    result = run_editors(tmp_path, "DEFERRED")
    assert any("locked" in error for error in result["errors"])
    assert result["saved"] < EDITORS * ROUNDS
