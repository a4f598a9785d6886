"""`make backup` and `make restore` on a server configured through .env (as `serve-prod` is).

They must use the production settings and database that .env names, not the dev SQLite file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _write_env(path: Path, database: Path, media: Path) -> Path:
    path.write_text(
        "DJANGO_SECRET_KEY=a-long-random-production-secret-key-with-enough-entropy-0123456789\n"
        "DJANGO_ALLOWED_HOSTS=larplattformen.example\n"
        "WAGTAILADMIN_BASE_URL=https://larplattformen.example\n"
        f"DATABASE_URL=sqlite:///{database}\n"
        f"MEDIA_ROOT={media}\n"
    )
    return path


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 - fixed arguments
        args, cwd=REPO, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.mark.own_database
@pytest.mark.skipif(not (REPO / ".venv/bin/python").exists(), reason="needs `make install`")
def test_backup_and_restore_read_a_production_env_file(tmp_path):
    # Nothing from the test run's own settings may leak into make's environment.
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    media = tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "kafe.txt").write_text("språkcafé")
    live_db = tmp_path / "live.sqlite3"
    live_env = _write_env(tmp_path / "live.env", live_db, media)
    prod = {**env, "DJANGO_SETTINGS_MODULE": "platform_site.settings.production"}
    for line in live_env.read_text().splitlines():
        name, value = line.split("=", 1)
        prod[name] = value
    _run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], prod)
    _run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; "
            "get_user_model().objects.create_user('hylte-redaktor', password='x')",
        ],
        prod,
    )

    out = tmp_path / "backups"
    result = _run(
        ["make", "--no-print-directory", "backup", f"ENV_FILE={live_env}", f"BACKUP_DIR={out}"],
        env,
    )
    name = result.stdout.strip().rsplit(" ", 1)[-1]
    assert sorted(p.name for p in out.iterdir()) == [
        f"{name}-database.sqlite3.gz",
        f"{name}-database.sqlite3.gz.metadata",
        f"{name}-media.tar.gz",
    ]
    metadata = json.loads((out / f"{name}-database.sqlite3.gz.metadata").read_text())
    assert metadata["counts"]["platform_site.User"] == 1  # the .env database, not db.sqlite3
    listed = _run(
        ["make", "--no-print-directory", "backups", f"ENV_FILE={live_env}", f"BACKUP_DIR={out}"],
        env,
    )
    assert listed.stdout.split() == [name]

    restored_db = tmp_path / "restored.sqlite3"
    restored_media = tmp_path / "restored-media"
    restored_env = _write_env(tmp_path / "restored.env", restored_db, restored_media)
    result = _run(
        [
            "make",
            "--no-print-directory",
            "restore",
            f"ENV_FILE={restored_env}",
            f"BACKUP={name}",
            f"BACKUP_DIR={out}",
        ],
        env,
    )
    assert "(backup had" not in result.stdout  # every count matches the metadata
    with sqlite3.connect(restored_db) as restored:
        names = restored.execute("SELECT username FROM platform_site_user").fetchall()
    assert names == [("hylte-redaktor",)]
    assert (restored_media / "original_images" / "kafe.txt").read_text() == "språkcafé"
